import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseSecureCookies, parseTrustProxy } from './config.ts';

describe('parseTrustProxy', () => {
  it('is off unless configured', () => {
    for (const v of [undefined, '', 'false', '0', 'off']) expect(parseTrustProxy(v), String(v)).toBe(false);
  });

  it("takes what Fastify's trustProxy takes: everyone, a hop count, addresses and CIDRs", () => {
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 172.16.0.0/12,::1')).toBe('10.0.0.1,172.16.0.0/12,::1');
    expect(parseTrustProxy('loopback')).toBe('loopback');
  });

  it('refuses anything else with a Chinese message', () => {
    expect(() => parseTrustProxy('proxy.example')).toThrow(/TUANWU_TRUST_PROXY/);
  });
});

describe('parseSecureCookies', () => {
  it('is auto unless forced either way', () => {
    expect(parseSecureCookies(undefined)).toBe('auto');
    expect(parseSecureCookies('auto')).toBe('auto');
    expect(parseSecureCookies('1')).toBe(true);
    expect(parseSecureCookies('0')).toBe(false);
    expect(() => parseSecureCookies('sometimes')).toThrow(/TUANWU_SECURE_COOKIES/);
  });
});

describe('TUANWU_IMPORT_CONCURRENCY', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (value?: string) =>
    loadConfig({ TUANWU_DATA_DIR: dir, TUANWU_SECRET: 'x'.repeat(40), TUANWU_IMPORT_CONCURRENCY: value });

  it('is one import at a time per process unless set', () => {
    expect(load().importConcurrency).toBe(1);
    expect(load('3').importConcurrency).toBe(3);
  });

  it('refuses what is not a positive whole number, in Chinese', () => {
    for (const v of ['0', '-1', '1.5', 'two'])
      expect(() => load(v), v).toThrow(/TUANWU_IMPORT_CONCURRENCY 应为正整数/);
  });
});

describe('TUANWU_DB_READ', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (db: string | undefined, read: string | undefined) =>
    loadConfig({ TUANWU_DATA_DIR: dir, TUANWU_SECRET: 'x'.repeat(40), TUANWU_DB: db, TUANWU_DB_READ: read });

  it('names a PostgreSQL standby beside a PostgreSQL primary; unset, reads use the primary', () => {
    expect(load('postgres://db1/tuanwu', undefined).readDatabaseUrl).toBeUndefined();
    expect(load('postgres://db1/tuanwu', 'postgres://db2/tuanwu').readDatabaseUrl).toBe(
      'postgres://db2/tuanwu',
    );
  });

  it('refuses a standby for SQLite, or one that is not a PostgreSQL URL, in Chinese', () => {
    expect(() => load(undefined, 'postgres://db2/tuanwu')).toThrow(/TUANWU_DB_READ 仅用于 PostgreSQL/);
    expect(() => load('postgres://db1/tuanwu', 'sqlite:/tmp/x.db')).toThrow(/TUANWU_DB_READ 格式不正确/);
  });
});
