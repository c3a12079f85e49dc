import type { Generated } from 'kysely';

/** One message of the outbox (issue 15; src/modules/notifications). */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  /** email | wechat | sms */
  channel: string;
  /** todo_digest */
  kind: string;
  subject: string;
  body: string;
  /** pending 待发送 | sending 发送中 | sent 已发送 | failed 失败（待重试） | abandoned 已放弃 */
  state: Generated<string>;
  /** Sending attempts begun (counted at the claim, so a process dying mid-send counts too). */
  attempts: Generated<number>;
  /** When it may next be claimed; while `sending`, when the claim lapses. */
  next_attempt_at: string;
  /** The channel's last refusal, redacted (no personal data). */
  last_error: string | null;
  /** `<kind>:<user>:<channel>:<day>`: unique, so a reminder is queued once. */
  dedupe_key: string;
  /** The process that claimed it last. */
  claimed_by: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Where a user is reached; a channel without an address is not used for him. */
export interface NotificationContactTable {
  user_id: number;
  email: string | null;
  wechat_openid: string | null;
  /** A mainland mobile for 短信 (20261206030001). */
  phone: string | null;
  updated_at: string;
}

/** A user's "do not send me this kind on this channel". */
export interface NotificationOptOutTable {
  user_id: number;
  kind: string;
  channel: string;
  created_at: string;
}

export interface NotificationTables {
  notifications: NotificationTable;
  notification_contacts: NotificationContactTable;
  notification_opt_outs: NotificationOptOutTable;
}
