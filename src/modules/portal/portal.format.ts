/** Dates and times as the site shows them: China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function cst(iso: string): Date {
  return new Date(Date.parse(iso) + CST_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024年 02月 22日 星期四", as on the municipal league's site. */
export function headerDate(iso: string): string {
  const d = cst(iso);
  return `${d.getUTCFullYear()}年 ${pad(d.getUTCMonth() + 1)}月 ${pad(d.getUTCDate())}日 ${WEEKDAYS[d.getUTCDay()]}`;
}

/** "2024-02-07 11:13". */
export function dateTime(iso: string): string {
  const d = cst(iso);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2024-02-07". */
export function dateOnly(iso: string): string {
  return dateTime(iso).slice(0, 10);
}

/** RFC 822 date for RSS. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

/**
 * Each table of a piece inside its own scrolling region: a wide table pasted from Word then scrolls sideways
 * within the article on a phone instead of widening the page. The region is focusable and named, so it can
 * be scrolled from the keyboard (WCAG 2.1.1; axe scrollable-region-focusable). Stored HTML is sanitised, so
 * its tables carry no attributes.
 */
export function scrollableTables(bodyHtml: string): string {
  return bodyHtml
    .replaceAll(
      '<table>',
      '<div class="table-scroll" role="region" aria-label="表格（可左右滑动查看）" tabindex="0"><table>',
    )
    .replaceAll('</table>', '</table></div>');
}
