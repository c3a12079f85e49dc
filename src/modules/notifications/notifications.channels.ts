import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotifyConfig, SmtpConfig } from '../../config.ts';

/** The ways a message leaves the building (issue 15). A new one (SMS) adds a name here and an adapter below. */
export const CHANNELS = ['email', 'wechat'] as const;
export type ChannelName = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<ChannelName, string> = {
  email: '电子邮件',
  wechat: '微信模板消息',
};

/** One message as a channel sees it: the address is looked up at send time, never kept in the outbox. */
export interface OutgoingMessage {
  /** The outbox row's id: an adapter that can pass an idempotency key to its gateway passes this. */
  id: number;
  /** An e-mail address or a WeChat openid. */
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
 * Writes each message as one JSON line to `<dir>/<channel>.jsonl`: the stand-in for a gateway without one here
 * (WeChat template messages, SMS), used by the tests and the demo. A WeChat or SMS gateway implements Channel
 * the same way, posting what this writes.
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

/** The channels this installation has: e-mail by SMTP when a relay is set, else to the file folder. */
export function channelsFromConfig(notify: NotifyConfig | undefined): Map<ChannelName, Channel> {
  const channels = new Map<ChannelName, Channel>();
  if (notify?.smtp) channels.set('email', smtpChannel(notify.smtp));
  if (notify?.fileDir) {
    for (const name of CHANNELS)
      if (!channels.has(name)) channels.set(name, fileChannel(name, notify.fileDir));
  }
  return channels;
}
