import os from 'node:os';
import type { AppContext } from '../../context.ts';
import { redact } from '../../lib/redact.ts';
import { type Channel, type ChannelName, channelsFromConfig } from './notifications.channels.ts';
import { claimDue, findContact, findOptOuts, finishAttempt } from './notifications.repository.ts';

export interface SenderOptions {
  /** Who claimed a row (notifications.claimed_by). */
  owner?: string;
  /** The time (tests move it). */
  now?: () => Date;
  /** The installation's channels unless given (tests give their own). */
  channels?: Map<ChannelName, Channel>;
  /** Attempts before a message is given up (已放弃). */
  maxAttempts?: number;
  /** The wait after the first failure; doubled after each further one. */
  backoffMs?: number;
  /** How long a claim holds: a process that dies mid-send leaves its rows to others after this. */
  leaseMs?: number;
  /** Rows claimed per statement. */
  batch?: number;
}

export const SENDER_DEFAULTS = { maxAttempts: 6, backoffMs: 60_000, leaseMs: 5 * 60_000, batch: 50 };

export interface SendOutcome {
  sent: number;
  failed: number;
  abandoned: number;
}

/** The wait before attempt `attempts + 1`: backoff, 2×, 4×… (a relay down for an hour is not hammered). */
export function backoffAfter(attempts: number, backoffMs: number): number {
  return backoffMs * 2 ** Math.max(0, attempts - 1);
}

/**
 * What a refusal says, without personal data: identity numbers and mobiles masked (redact), and an e-mail
 * address (SMTP replies quote the recipient) cut to its domain.
 */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redact(message)
    .replace(/[^\s<>()"',;:@]+@([A-Za-z0-9.-]+)/g, '***@$1')
    .slice(0, 500);
}

const installed = new WeakMap<object, Map<ChannelName, Channel>>();
/** One set of channels (one SMTP transport) per configuration. */
function installationChannels(ctx: AppContext): Map<ChannelName, Channel> {
  let channels = installed.get(ctx.config);
  if (!channels) {
    channels = channelsFromConfig(ctx.config.notify);
    installed.set(ctx.config, channels);
  }
  return channels;
}

/** A user's address on a channel. */
export function contactFor(
  channel: ChannelName,
  contact: { email: string | null; wechat_openid: string | null; phone: string | null } | undefined,
): string | null | undefined {
  if (channel === 'email') return contact?.email;
  if (channel === 'wechat') return contact?.wechat_openid;
  return contact?.phone;
}

/** Why a claimed message cannot go at all; trying again would not help until someone changes something. */
class Undeliverable extends Error {}

async function deliver(ctx: AppContext, channels: Map<ChannelName, Channel>, row: ClaimedRow): Promise<void> {
  const optedOut = (await findOptOuts(ctx.db, row.user_id)).some(
    (o) => o.kind === row.kind && o.channel === row.channel,
  );
  // Opted out after it was queued: the user's latest word holds.
  if (optedOut) throw new Undeliverable('用户已退订此类提醒');
  const channel = channels.get(row.channel as ChannelName);
  if (!channel) throw new Error(`发送通道“${row.channel}”未配置`);
  const contact = await findContact(ctx.db, row.user_id);
  const to = contactFor(row.channel as ChannelName, contact);
  if (!to) throw new Undeliverable('用户未填写此通道的联系方式');
  await channel.send({ id: row.id, to, subject: row.subject, body: row.body });
}

type ClaimedRow = Awaited<ReturnType<typeof claimDue>>[number];

/**
 * Sends every message due now, batch by batch, each claimed first (claimDue), so several processes running this
 * at once share the work and never send one message twice. A failure is tried again after an exponential wait;
 * after `maxAttempts` the message is 已放弃 with its last error kept.
 */
export async function sendDue(ctx: AppContext, options: SenderOptions = {}): Promise<SendOutcome> {
  const o = { ...SENDER_DEFAULTS, ...options };
  const owner = options.owner ?? `${os.hostname()}:${process.pid}`;
  const clock = options.now ?? (() => new Date());
  const channels = options.channels ?? installationChannels(ctx);
  const outcome: SendOutcome = { sent: 0, failed: 0, abandoned: 0 };
  // Bounded: a row failing with no wait (backoffMs 0) is not claimed again in the same run.
  const seen = new Set<number>();
  for (let round = 0; round < 100; round++) {
    const now = clock();
    const claimed = (
      await claimDue(
        ctx.db,
        owner,
        now.toISOString(),
        new Date(now.getTime() + o.leaseMs).toISOString(),
        o.batch,
      )
    ).filter((row) => !seen.has(row.id));
    if (claimed.length === 0) break;
    for (const row of claimed) {
      seen.add(row.id);
      try {
        await deliver(ctx, channels, row);
        await finishAttempt(ctx.db, row.id, owner, { state: 'sent', at: clock().toISOString() });
        outcome.sent++;
      } catch (error) {
        const giveUp = error instanceof Undeliverable || row.attempts >= o.maxAttempts;
        const at = clock().getTime();
        await finishAttempt(ctx.db, row.id, owner, {
          state: giveUp ? 'abandoned' : 'failed',
          error: errorText(error),
          nextAttemptAt: new Date(giveUp ? at : at + backoffAfter(row.attempts, o.backoffMs)).toISOString(),
        });
        if (giveUp) outcome.abandoned++;
        else outcome.failed++;
      }
    }
  }
  return outcome;
}
