import { describe, expect, it } from 'vitest';
import { parseSecureCookies, parseTrustProxy } from './config.ts';

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
