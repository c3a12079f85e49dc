import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from './lib/crypto.ts';

/** The typed environment (INTERFACES.md). */
export interface Config {
  dataDir: string;
  databaseUrl: string;
  secret: string;
  port: number;
  host: string;
  /**
   * Cookies marked Secure: `true`/`false` as TUANWU_SECURE_COOKIES forces, else `auto` (the default): Secure
   * when TUANWU_PUBLIC_URL is https or the request came over https (X-Forwarded-Proto believed only from the
   * trusted proxy), plain on http development so the browser still keeps them.
   */
  secureCookies: boolean | 'auto';
  /** Login attempts per minute per client address (429 beyond it). */
  loginRateLimit: number;
  /**
   * Which proxies' X-Forwarded-For is believed (Fastify's trustProxy): false (the default: the peer's address
   * is the client's), a hop count, or addresses/CIDRs. Believing anyone's would let a client pick the address
   * that login limits and the audit log see.
   */
  trustProxy: boolean | number | string;
  /** TUANWU_PUBLIC_URL's origin (`https://tuanwu.example.cn`): the site's links, sitemap and feed use it, not a request header. */
  publicUrl?: string;
  /** How often the server looks for due scheduled jobs (TUANWU_SCHEDULER_TICK_MS, default 30 s). */
  schedulerTickMs?: number;
  /** Imports one process runs at once (TUANWU_IMPORT_CONCURRENCY); the rest wait in its queue. Default 1. */
  importConcurrency?: number;
  /**
   * TUANWU_DB_READ: a PostgreSQL hot standby of `databaseUrl` for the read-heavy paths (reports, dashboard,
   * statistics, search); writes and everything else stay on the primary. Unset, everything uses the primary.
   */
  readDatabaseUrl?: string;
  /** Absent where the caller built the configuration itself (tests). */
  secretSource?: SecretSource;
  /** Where reminders go out (issue 15, src/modules/notifications); absent, nothing leaves the building. */
  notify?: NotifyConfig;
}

/** An SMTP relay: TUANWU_SMTP_HOST, _PORT, _SECURE, _USER, _PASSWORD, _FROM. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The sender's address, e.g. `团务平台 <noreply@tuanwu.example.cn>`. */
  from: string;
}

/** How a channel without SMTP leaves the building (NotifyConfig.adapters). */
export type GatewayAdapter = 'file' | 'off';

export interface NotifyConfig {
  smtp?: SmtpConfig;
  /**
   * TUANWU_NOTIFY_DIR: a folder where every channel without a real transport (WeChat and SMS on the file
   * adapter, e-mail when no SMTP relay is set) writes its messages as JSON lines, one file per channel (tests, the
   * demo).
   */
  fileDir?: string;
  /**
   * TUANWU_WECHAT_ADAPTER / TUANWU_SMS_ADAPTER: the adapter that carries WeChat template messages / SMS. `file`
   * writes them to `fileDir` (the only one this repository ships; a gateway's is another Channel); `off` leaves
   * the channel unconfigured. Unset: `file` when `fileDir` is set, else `off`.
   */
  adapters?: Partial<Record<'wechat' | 'sms', GatewayAdapter>>;
  /** TUANWU_DIGEST_HOUR: the hour (Beijing time, 0–23) from which the day's 待办 digest is queued; default 7. */
  digestFromHour?: number;
}

export interface ConfigInput {
  TUANWU_DATA_DIR?: string;
  TUANWU_DB?: string;
  TUANWU_DB_READ?: string;
  TUANWU_SECRET?: string;
  PORT?: string;
  HOST?: string;
  TUANWU_SECURE_COOKIES?: string;
  TUANWU_LOGIN_RATE_LIMIT?: string;
  TUANWU_TRUST_PROXY?: string;
  TUANWU_PUBLIC_URL?: string;
  TUANWU_SCHEDULER_TICK_MS?: string;
  TUANWU_IMPORT_CONCURRENCY?: string;
  TUANWU_SMTP_HOST?: string;
  TUANWU_SMTP_PORT?: string;
  TUANWU_SMTP_SECURE?: string;
  TUANWU_SMTP_USER?: string;
  TUANWU_SMTP_PASSWORD?: string;
  TUANWU_SMTP_FROM?: string;
  TUANWU_NOTIFY_DIR?: string;
  TUANWU_WECHAT_ADAPTER?: string;
  TUANWU_SMS_ADAPTER?: string;
  TUANWU_DIGEST_HOUR?: string;
}

/**
 * Where the data key comes from. A key generated for a data folder without one is written only once the database
 * is known to hold nothing encrypted with another key (bootstrap.ts): a restored database without its key must
 * be refused, not given a new key that cannot read it.
 */
export type SecretSource = { kind: 'env' } | { kind: 'file'; path: string; generated: boolean };

/** The key file of the data folder, or a new key that is not yet written (DESIGN.md: mode 0600). */
function readOrGenerateSecret(keyFile: string): { secret: string; generated: boolean } {
  if (existsSync(keyFile)) return { secret: readFileSync(keyFile, 'utf8').trim(), generated: false };
  return { secret: randomToken(48), generated: true };
}

/**
 * Writes a generated key to its file, once. If another process wrote the file first, its key is adopted
 * instead; returns whether `config.secret` changed.
 */
export function saveGeneratedSecret(config: Config): boolean {
  const source = config.secretSource;
  if (source?.kind !== 'file' || !source.generated) return false;
  config.secretSource = { ...source, generated: false };
  try {
    writeFileSync(source.path, `${config.secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    config.secret = readFileSync(source.path, 'utf8').trim();
    return true;
  }
  chmodSync(source.path, 0o600);
  return false;
}

const ADDRESS_OR_CIDR = /^(?:[0-9.]+|[0-9a-fA-F:.]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/;

/** TUANWU_TRUST_PROXY: unset/`false` off; `true` every hop (only behind a proxy that strips the header); `2` hops; `10.0.0.1,10.1.0.0/16`. */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = (value ?? '').trim();
  if (v === '' || /^(false|off|no|0)$/i.test(v)) return false;
  if (/^(true|on|yes)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) return Number(v);
  const parts = v.split(',').map((p) => p.trim());
  if (parts.some((p) => !ADDRESS_OR_CIDR.test(p)))
    throw new Error(`TUANWU_TRUST_PROXY 应为 false、true、跳数，或以逗号分隔的代理地址/CIDR：${value}`);
  return parts.join(',');
}

/** TUANWU_SECURE_COOKIES: `1`/`true` always, `0`/`false` never, unset `auto`. */
export function parseSecureCookies(value: string | undefined): boolean | 'auto' {
  const v = (value ?? '').trim();
  if (v === '' || /^auto$/i.test(v)) return 'auto';
  if (/^(1|true|on|yes)$/i.test(v)) return true;
  if (/^(0|false|off|no)$/i.test(v)) return false;
  throw new Error(`TUANWU_SECURE_COOKIES 应为 1、0 或 auto：${value}`);
}

function parsePublicUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // Reported below.
  }
  throw new Error(`TUANWU_PUBLIC_URL 应为网站地址，如 https://tuanwu.example.cn：${value}`);
}

/** The reminder channels' settings; undefined when none is set. */
export function parseNotify(env: ConfigInput): NotifyConfig | undefined {
  const notify: NotifyConfig = {};
  const host = env.TUANWU_SMTP_HOST?.trim();
  if (host) {
    const secure = /^(1|true|on|yes)$/i.test(env.TUANWU_SMTP_SECURE?.trim() ?? '');
    const port = Number(env.TUANWU_SMTP_PORT || (secure ? 465 : 587));
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      throw new Error(`TUANWU_SMTP_PORT 不是有效端口：${env.TUANWU_SMTP_PORT}`);
    const from = env.TUANWU_SMTP_FROM?.trim();
    if (!from) throw new Error('已设置 TUANWU_SMTP_HOST，还须设置发件人地址 TUANWU_SMTP_FROM');
    notify.smtp = {
      host,
      port,
      secure,
      from,
      ...(env.TUANWU_SMTP_USER ? { user: env.TUANWU_SMTP_USER } : {}),
      ...(env.TUANWU_SMTP_PASSWORD ? { password: env.TUANWU_SMTP_PASSWORD } : {}),
    };
  }
  if (env.TUANWU_NOTIFY_DIR) notify.fileDir = path.resolve(env.TUANWU_NOTIFY_DIR);
  for (const [channel, variable] of [
    ['wechat', 'TUANWU_WECHAT_ADAPTER'],
    ['sms', 'TUANWU_SMS_ADAPTER'],
  ] as const) {
    const value = env[variable]?.trim().toLowerCase();
    if (!value) continue;
    if (value !== 'file' && value !== 'off')
      throw new Error(`${variable} 只能是 file（写入 TUANWU_NOTIFY_DIR）或 off（不启用）：${env[variable]}`);
    if (value === 'file' && !notify.fileDir)
      throw new Error(`${variable}=file 须同时设置 TUANWU_NOTIFY_DIR（消息写入的文件夹）`);
    notify.adapters = { ...notify.adapters, [channel]: value };
  }
  if (!notify.smtp && !notify.fileDir) return undefined;
  if (env.TUANWU_DIGEST_HOUR) {
    const hour = Number(env.TUANWU_DIGEST_HOUR);
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new Error(`TUANWU_DIGEST_HOUR 应为 0 至 23 的整数（北京时间）：${env.TUANWU_DIGEST_HOUR}`);
    notify.digestFromHour = hour;
  }
  return notify;
}

export function loadConfig(env: ConfigInput = process.env): Config {
  const dataDir = path.resolve(env.TUANWU_DATA_DIR || './data');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = env.TUANWU_DB || `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
  if (!databaseUrl.startsWith('sqlite:') && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(`TUANWU_DB 格式不正确：应为 sqlite:<路径> 或 postgres://…，实际为 ${databaseUrl}`);
  }
  const readDatabaseUrl = env.TUANWU_DB_READ || undefined;
  if (readDatabaseUrl && !/^postgres(ql)?:\/\//.test(readDatabaseUrl))
    throw new Error(
      `TUANWU_DB_READ 格式不正确：应为 postgres://…（PostgreSQL 只读副本），实际为 ${readDatabaseUrl}`,
    );
  if (readDatabaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('TUANWU_DB_READ 仅用于 PostgreSQL：TUANWU_DB 须为 postgres://… 的主库');
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT 不是有效端口：${env.PORT}`);
  const loginRateLimit = Number(env.TUANWU_LOGIN_RATE_LIMIT || 10);
  if (!Number.isInteger(loginRateLimit) || loginRateLimit <= 0)
    throw new Error(`TUANWU_LOGIN_RATE_LIMIT 应为正整数：${env.TUANWU_LOGIN_RATE_LIMIT}`);
  const schedulerTickMs = Number(env.TUANWU_SCHEDULER_TICK_MS || 30_000);
  if (!Number.isInteger(schedulerTickMs) || schedulerTickMs < 10)
    throw new Error(`TUANWU_SCHEDULER_TICK_MS 应为不小于 10 的整数（毫秒）：${env.TUANWU_SCHEDULER_TICK_MS}`);
  const importConcurrency = Number(env.TUANWU_IMPORT_CONCURRENCY || 1);
  if (!Number.isInteger(importConcurrency) || importConcurrency <= 0)
    throw new Error(`TUANWU_IMPORT_CONCURRENCY 应为正整数：${env.TUANWU_IMPORT_CONCURRENCY}`);
  const notify = parseNotify(env);
  const keyFile = path.join(dataDir, 'secret.key');
  const key = env.TUANWU_SECRET
    ? { secret: env.TUANWU_SECRET, generated: false }
    : readOrGenerateSecret(keyFile);
  return {
    dataDir,
    databaseUrl,
    secret: key.secret,
    secretSource: env.TUANWU_SECRET
      ? { kind: 'env' }
      : { kind: 'file', path: keyFile, generated: key.generated },
    port,
    host: env.HOST || '0.0.0.0',
    secureCookies: parseSecureCookies(env.TUANWU_SECURE_COOKIES),
    loginRateLimit,
    schedulerTickMs,
    trustProxy: parseTrustProxy(env.TUANWU_TRUST_PROXY),
    importConcurrency,
    ...(env.TUANWU_PUBLIC_URL ? { publicUrl: parsePublicUrl(env.TUANWU_PUBLIC_URL) } : {}),
    ...(readDatabaseUrl ? { readDatabaseUrl } : {}),
    ...(notify ? { notify } : {}),
  };
}
