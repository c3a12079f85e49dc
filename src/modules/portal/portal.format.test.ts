import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../newsroom/newsroom.sanitize.ts';
import { scrollableTables } from './portal.format.ts';

describe('scrollableTables', () => {
  it('puts each stored table, nested ones too, in a named, focusable scrolling region', () => {
    const stored = sanitizeArticleHtml(
      '<p>前文</p><table style="width:900px"><tr><td><table><tr><td>内</td></tr></table></td></tr></table><p>后文</p>',
    );
    const html = scrollableTables(stored);
    expect(
      html.match(/<div class="table-scroll" role="region" aria-label="[^"]+" tabindex="0"><table>/g),
    ).toHaveLength(2);
    expect(html.match(/<\/table><\/div>/g)).toHaveLength(2);
    expect(html.startsWith('<p>前文</p><div')).toBe(true);
  });
});
