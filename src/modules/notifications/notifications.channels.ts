import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotifyConfig, SmtpConfig } from '../../config.ts';
import { NOTIFICATION_CHANNELS } from '../../shared/labels.ts';

/** The ways a message leaves the building (issue 15); their labels are in src/shared/labels.ts. */
export const CHANNELS = Object.keys(NOTIFICATION_CHANNELS) as ChannelName[];
export type ChannelName = keyof typeof NOTIFICATION_CHANNELS;
export const CHANNEL_LABELS: Record<ChannelName, string> = NOTIFICATION_CHANNELS;

/** One message as a channel sees it: the address is looked up at send time, never kept in the outbox. */
export interface OutgoingMessage {
  /** The outbox row's id: an adapter that can pass an idempotency key to its gateway passes this. */
  id: number;
  /** An e-mail address, a WeChat openid or a mobile number (the contact of the row's channel). */
  to: string;
  subject: string;
  body: string;
}

/**
 * A channel delivers one message or throws. What it throws is kept (redacted) as the row's last error and the
 * row is tried again later, so a transient refusal (a full mailbox server, a 4xx) needs no handling here.
 */
export interface Channel {
  name: ChannelName;
  send(message: OutgoingMessage): Promise<void>;
}

/** E-mail over an SMTP relay, through nodemailer. */
export function smtpChannel(smtp: SmtpConfig): Channel {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // A hung relay must not hold the sender job for nodemailer's default of minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'email',
    async send(message) {
      await transport.sendMail({
        from: smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        // The relay may retry on its side; a receiving system that deduplicates by Message-ID sees one message.
        messageId: `<tuanwu-notification-${message.id}@${smtp.host}>`,
      });
    },
  };
}

/**
 * Writes each message as one JSON line to `<dir>/<channel>.jsonl`: the adapter for WeChat template messages and
 * SMS here (no gateway is reachable from this repository's machines), used by the tests and the demo. A WeChat or
 * SMS gateway implements Channel the same way, posting what this writes; a refusal is thrown like SMTP's.
 */
export function fileChannel(name: ChannelName, dir: string): Channel {
  return {
    name,
    async send(message) {
      await mkdir(dir, { recursive: true });
      const line = JSON.stringify({ channel: name, sentAt: new Date().toISOString(), ...message });
      await appendFile(path.join(dir, `${name}.jsonl`), `${line}\n`, 'utf8');
    },
  };
}

/**
 * The channels this installation has: e-mail by SMTP when a relay is set, else to the file folder; WeChat and SMS
 * by their adapter (TUANWU_WECHAT_ADAPTER, TUANWU_SMS_ADAPTER: `file` by default when the folder is set).
 */
export function channelsFromConfig(notify: NotifyConfig | undefined): Map<ChannelName, Channel> {
  const channels = new Map<ChannelName, Channel>();
  if (!notify) return channels;
  const dir = notify.fileDir;
  if (notify.smtp) channels.set('email', smtpChannel(notify.smtp));
  else if (dir) channels.set('email', fileChannel('email', dir));
  for (const name of ['wechat', 'sms'] as const) {
    const adapter = notify.adapters?.[name] ?? (dir ? 'file' : 'off');
    if (adapter === 'file' && dir) channels.set(name, fileChannel(name, dir));
  }
  return channels;
}
