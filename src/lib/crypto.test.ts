import { describe, expect, it } from 'vitest';
import { createPersonalDataCipher, hashPassword, randomToken, sha256, verifyPassword } from './crypto.ts';

const SECRET = 'unit-test-secret-of-sufficient-length';

describe('createPersonalDataCipher', () => {
  const cipher = createPersonalDataCipher(SECRET);

  it('decrypts what it encrypts', () => {
    for (const plain of ['411424200501010011', '11010519491231002X', '', '中文内容']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('gives a different ciphertext each time, never containing the plaintext', () => {
    const a = cipher.encrypt('411424200501010011');
    const b = cipher.encrypt('411424200501010011');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.')).toBe(true);
    expect(a).not.toContain('411424200501010011');
    expect(Buffer.from(a.slice(3), 'base64').toString('latin1')).not.toContain('411424200501010011');
  });

  it('refuses a tampered ciphertext (GCM authentication)', () => {
    const sealed = cipher.encrypt('411424200501010011');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(`v1.${raw.toString('base64')}`)).toThrow();
  });

  it('cannot be decrypted with another secret', () => {
    const other = createPersonalDataCipher('another-secret-of-sufficient-length');
    expect(() => other.decrypt(cipher.encrypt('411424200501010011'))).toThrow();
  });

  it('gives a stable lookup hash per secret, distinct per value and per secret', () => {
    const again = createPersonalDataCipher(SECRET);
    const other = createPersonalDataCipher('another-secret-of-sufficient-length');
    const h = cipher.lookupHash('411424200501010011');
    expect(again.lookupHash('411424200501010011')).toBe(h);
    expect(cipher.lookupHash('411424200501010011')).toBe(h);
    expect(cipher.lookupHash('11010519491231002X')).not.toBe(h);
    expect(other.lookupHash('411424200501010011')).not.toBe(h);
    expect(h).not.toContain('411424');
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct-horse-battery');
    expect(stored).toMatch(/^scrypt\$16384\$/);
    expect(stored).not.toContain('correct-horse-battery');
    expect(await verifyPassword('correct-horse-battery', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('refuses a stored value of another scheme', async () => {
    expect(await verifyPassword('x', 'plain$x')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});

describe('tokens and digests', () => {
  it('makes random url-safe tokens', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
  });

  it('computes sha256 in hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
