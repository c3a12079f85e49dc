import { describe, expect, it } from 'vitest';
import { siteOrigin } from './portal.origin.ts';

describe('siteOrigin', () => {
  it('prefers the configured public URL over any request header', () => {
    expect(
      siteOrigin({ publicUrl: 'https://tuanwu.example.cn' }, { protocol: 'http', host: 'evil.example' }),
    ).toBe('https://tuanwu.example.cn');
  });

  it('takes the request host only when it is a host name', () => {
    expect(siteOrigin({}, { protocol: 'http', host: 'localhost:3000' })).toBe('http://localhost:3000');
    expect(siteOrigin({}, { protocol: 'https', host: 'tuanwu.gov.cn' })).toBe('https://tuanwu.gov.cn');
    for (const forged of ['a"><script>alert(1)</script>', 'x.cn/evil', 'a b', 'x.cn&amp;y', ''])
      expect(siteOrigin({}, { protocol: 'http', host: forged })).toBe('http://localhost');
  });
});
