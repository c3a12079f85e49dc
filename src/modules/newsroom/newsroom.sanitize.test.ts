import { describe, expect, it } from 'vitest';
import { plainText, sanitizeArticleHtml } from './newsroom.sanitize.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';

function dangerous(html: string): string[] {
  const found: string[] = [];
  if (/<\s*(script|iframe|object|embed|svg|math|form|meta|base|link|style|body|details)\b/i.test(html))
    found.push('tag');
  if (/\son[a-z]+\s*=/i.test(html)) found.push('handler');
  if (/(href|src|action)\s*=\s*"?\s*(javascript|vbscript|data):/i.test(html)) found.push('scheme');
  if (/style\s*=/i.test(html)) found.push('style');
  return found;
}

describe('stored article HTML', () => {
  it.each(XSS_PAYLOADS)('leaves nothing that runs of %s', (payload) => {
    expect(dangerous(sanitizeArticleHtml(payload))).toEqual([]);
    expect(dangerous(sanitizeArticleHtml(`<p>前文</p>${payload}<p>后文</p>`))).toEqual([]);
  });

  it('keeps what a piece pasted from Word legitimately has', () => {
    const word =
      '<h1>标题</h1><p class="MsoNormal" style="text-indent:2em"><b>加粗</b><span lang="EN-US">正文<o:p></o:p></span></p>' +
      '<table><tr><td colspan="2">表格</td></tr></table><img src="/uploads/portal/a.png" alt="活动照片">' +
      '<a href="https://www.gqt.org.cn/">共青团中央</a><a href="/articles/3">站内</a>';
    expect(sanitizeArticleHtml(word)).toBe(
      '<h2>标题</h2><p><b>加粗</b><span>正文</span></p><table><tr><td colspan="2">表格</td></tr></table>' +
        '<img src="/uploads/portal/a.png" alt="活动照片" />' +
        '<a href="https://www.gqt.org.cn/" rel="noopener noreferrer" target="_blank">共青团中央</a><a href="/articles/3">站内</a>',
    );
  });

  it('keeps a table as Word puts it on the clipboard: header cells, spans; not its widths, styles or classes', () => {
    const word =
      '<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" width="553" style="border-collapse:collapse">' +
      '<thead><tr style="height:20pt"><th width="120" style="border:solid windowtext 1.0pt">乡镇</th>' +
      '<th colspan="2" valign="top">团员人数</th></tr></thead>' +
      '<tbody><tr><td rowspan="2" onclick="alert(1)"><p class="MsoNormal">城关镇<o:p></o:p></p></td><td>120</td><td>98%</td></tr>' +
      '<tr><td>80</td><td>95%</td></tr></tbody></table>';
    expect(sanitizeArticleHtml(word)).toBe(
      '<table><thead><tr><th>乡镇</th><th colspan="2">团员人数</th></tr></thead>' +
        '<tbody><tr><td rowspan="2"><p>城关镇</p></td><td>120</td><td>98%</td></tr>' +
        '<tr><td>80</td><td>95%</td></tr></tbody></table>',
    );
  });

  it('reads plain text for summaries and search', () => {
    expect(plainText('<p>共青团&amp;青年</p><p>第二段</p>')).toBe('共青团&青年第二段');
  });
});
