import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-path.ts';

describe('safeLocalPath', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeLocalPath('/news/1?page=2#top')).toBe('/news/1?page=2#top');
    expect(safeLocalPath('/')).toBe('/');
  });

  it('turns anything that could leave the site into the fallback', () => {
    for (const bad of [
      '/\t/evil.example',
      '/\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      ' /x',
      '/%0a/evil.example',
      '',
      null,
      undefined,
      ['/a'],
    ]) {
      expect(safeLocalPath(bad as string), JSON.stringify(bad)).toBe('/');
    }
    expect(safeLocalPath('//evil.example', '/admin/')).toBe('/admin/');
  });
});
