import { describe, expect, it } from 'vitest';
import { openToken, signToken } from './signed-token.ts';

describe('signed tokens', () => {
  const SECRET = 'test-secret-0123456789abcdef';
  const token = signToken(SECRET, 'purpose-a', [42, 'in'], 1_900_000_000);

  it('open to their fields and expiry under the same secret and purpose', () => {
    expect(token).toMatch(/^42\.in\.1900000000\.[A-Za-z0-9_-]{43}$/);
    expect(openToken(SECRET, 'purpose-a', ` ${token} `)).toEqual({
      fields: ['42', 'in'],
      expiresAtSeconds: 1_900_000_000,
    });
  });

  it('are worthless for another purpose or under another secret', () => {
    expect(openToken(SECRET, 'purpose-b', token)).toBeNull();
    expect(openToken('another-secret-0123456789abcdef', 'purpose-a', token)).toBeNull();
  });

  it('refuse any change and anything malformed', () => {
    expect(openToken(SECRET, 'purpose-a', token.replace('42.', '43.'))).toBeNull();
    expect(openToken(SECRET, 'purpose-a', token.replace('1900000000', '1900000001'))).toBeNull();
    for (const bad of ['', '.', 'a.b', token.slice(0, -1), `${token}x`, token.replace(/\.\d+\./, '.x.')])
      expect(openToken(SECRET, 'purpose-a', bad)).toBeNull();
  });
});
