import QRCode from 'qrcode';
import { escapeHtml as e } from '../newsroom/newsroom.sanitize.ts';
import type { ArticleListRow, ArticleRow, ColumnRow } from '../newsroom/newsroom.service.ts';
import { dateOnly, dateTime, scrollableTables } from './portal.format.ts';
import { absolute, type PageFrame, renderPage } from './portal.layout.ts';
import type { channelData, columnData, homeData } from './portal.service.ts';
import { PAGE_SIZE } from './portal.service.ts';

const home = { name: '主页', href: '/' };

function listItems(items: ArticleListRow[]): string {
  if (items.length === 0) return '<p class="empty">暂无内容</p>';
  return `<ul class="list">${items
    .map(
      (a) =>
        `<li><a href="/articles/${a.id}">${e(a.title)}</a><time datetime="${a.published_at}">${dateOnly(a.published_at!)}</time></li>`,
    )
    .join('')}</ul>`;
}

function friendlyLinks(frame: PageFrame): string {
  const links = frame.site.friendlyLinks;
  if (links.length === 0) return '';
  return `<section class="box links-box" aria-labelledby="links-h"><h2 id="links-h">友情链接</h2><ul>${links
    .map((l) => `<li><a href="${e(l.url)}" rel="noopener noreferrer">${e(l.name)}</a></li>`)
    .join('')}</ul></section>`;
}

function pager(base: string, page: number, total: number): string {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pages === 1) return '';
  const join = base.includes('?') ? '&amp;' : '?';
  const link = (p: number, text: string, label: string) =>
    `<a href="${base}${p === 1 ? '' : `${join}page=${p}`}" aria-label="${label}">${text}</a>`;
  const parts: string[] = [];
  if (page > 1) parts.push(link(page - 1, '上一页', '上一页'));
  for (let p = Math.max(1, page - 3); p <= Math.min(pages, page + 3); p++) {
    parts.push(p === page ? `<span aria-current="page">${p}</span>` : link(p, String(p), `第${p}页`));
  }
  if (page < pages) parts.push(link(page + 1, '下一页', '下一页'));
  return `<nav class="pager" aria-label="分页">${parts.join('')}<span>共 ${total} 篇，${pages} 页</span></nav>`;
}

/**
 * 图片新闻: the latest pieces with a cover, as a strip of pictures. Without script it is a list that scrolls
 * sideways (a named, focusable region; each picture a link whose name is its alt text, the title). With the
 * site's script, 上一张/下一张 buttons step through it. It never turns by itself (WCAG 2.2.2). No covers,
 * no strip.
 */
function pictureNews(items: ArticleListRow[]): string {
  if (items.length === 0) return '';
  const cards = items
    .map(
      (a) =>
        `<li><a href="/articles/${a.id}"><img src="${e(a.cover_image!)}" alt="${e(a.title)}" loading="lazy" width="320" height="180"><span class="pic-title" aria-hidden="true">${e(a.title)}</span></a></li>`,
    )
    .join('');
  const buttons =
    items.length > 1
      ? '<div class="pic-nav" hidden><button type="button" data-step="-1" aria-label="上一张图片新闻">‹ 上一张</button><button type="button" data-step="1" aria-label="下一张图片新闻">下一张 ›</button></div>'
      : '';
  return `<section class="box pictures" aria-labelledby="pics-h" data-carousel><h2 id="pics-h">图片新闻</h2><div class="pics-scroll" role="region" aria-label="图片新闻（可左右滑动）" tabindex="0" data-testid="picture-news"><ul class="pics">${cards}</ul></div>${buttons}</section>`;
}

export function homePage(frame: PageFrame, data: Awaited<ReturnType<typeof homeData>>): string {
  const featured =
    data.featured.length === 0
      ? ''
      : `<section aria-labelledby="featured-h"><h2 id="featured-h" class="skip">要闻</h2><div class="featured">${data.featured
          .map(
            (a) =>
              `<div class="card">${a.cover_image ? `<img src="${e(a.cover_image)}" alt="${e(a.title)}">` : ''}<div><h3><a href="/articles/${a.id}">${e(a.title)}</a></h3><p>${e(a.summary)}</p></div></div>`,
          )
          .join('')}</div></section>`;
  const channels = data.perChannel
    .map(
      ({ channel, items }) =>
        `<section class="box" aria-labelledby="ch-${channel.slug}"><h2 id="ch-${channel.slug}"><a href="/channels/${channel.slug}">${e(channel.name)}</a><a class="more" href="/channels/${channel.slug}" aria-label="更多${e(channel.name)}">更多</a></h2>${listItems(items)}</section>`,
    )
    .join('');
  const columns = data.perColumn
    .map(
      ({ column, items }) =>
        `<section class="box" aria-labelledby="co-${column.slug}"><h2 id="co-${column.slug}"><a href="/columns/${column.slug}">《${e(column.name)}》专栏</a><a class="more" href="/columns/${column.slug}" aria-label="更多《${e(column.name)}》">更多</a></h2><p class="column-intro">${e(column.intro)}</p>${listItems(items)}</section>`,
    )
    .join('');
  return renderPage(frame, {
    title: frame.site.name,
    description: frame.site.description,
    crumbs: [{ name: '主页' }],
    currentChannel: '',
    body: `<h1 class="skip">${e(frame.site.name)}</h1><p class="welcome">${e(frame.site.welcome)}</p>${pictureNews(data.pictures)}${featured}<div class="grid">${channels}</div>${
      columns
        ? `<h2 style="margin:1.5rem 0 .75rem;font-size:1.2rem">专栏</h2><div class="grid">${columns}</div>`
        : ''
    }<div style="margin-top:1rem">${friendlyLinks(frame)}</div>`,
  });
}

export function channelPage(
  frame: PageFrame,
  d: NonNullable<Awaited<ReturnType<typeof channelData>>>,
  page: number,
) {
  const columns = d.columns
    .map((c: ColumnRow) => `<li><a href="/columns/${c.slug}">《${e(c.name)}》</a>：${e(c.intro)}</li>`)
    .join('');
  return renderPage(frame, {
    title: page > 1 ? `${d.channel.name}（第${page}页）` : d.channel.name,
    description: `${frame.site.name}「${d.channel.name}」频道`,
    crumbs: [home, { name: d.channel.name }],
    currentChannel: d.channel.slug,
    body: `<section class="box"><h1 style="margin:0 0 .5rem;font-size:1.3rem">${e(d.channel.name)}</h1>${
      columns ? `<p class="column-intro">本频道专栏：</p><ul>${columns}</ul>` : ''
    }${listItems(d.items)}${pager(`/channels/${d.channel.slug}`, page, d.total)}</section>`,
  });
}

export function columnPage(
  frame: PageFrame,
  d: NonNullable<Awaited<ReturnType<typeof columnData>>>,
  page: number,
) {
  return renderPage(frame, {
    title: `《${d.column.name}》专栏`,
    description: d.column.intro || `${frame.site.name}《${d.column.name}》专栏`,
    crumbs: [
      home,
      { name: d.channel.name, href: `/channels/${d.channel.slug}` },
      { name: `《${d.column.name}》` },
    ],
    currentChannel: d.channel.slug,
    body: `<section class="box"><h1 style="margin:0 0 .5rem;font-size:1.3rem">《${e(d.column.name)}》专栏</h1><p class="column-intro">${e(
      d.column.intro,
    )}</p>${listItems(d.items)}${pager(`/columns/${d.column.slug}`, page, d.total)}</section>`,
  });
}

export function searchPage(
  frame: PageFrame,
  q: string,
  items: ArticleListRow[],
  total: number,
  page: number,
) {
  const heading = q ? `搜索“${e(q)}”：共 ${total} 篇` : '请输入关键词';
  return renderPage(frame, {
    title: q ? `搜索：${q}` : '站内搜索',
    description: `${frame.site.name}站内搜索`,
    crumbs: [home, { name: '站内搜索' }],
    body: `<section class="box"><h1 style="margin:0 0 .5rem;font-size:1.3rem">${heading}</h1>${q ? listItems(items) : ''}${
      q ? pager(`/search?q=${encodeURIComponent(q)}`, page, total) : ''
    }</section>`,
  });
}

export async function articlePage(
  frame: PageFrame,
  a: ArticleRow,
  previous: { id: number; title: string } | null,
  next: { id: number; title: string } | null,
): Promise<string> {
  const url = `${frame.origin}/articles/${a.id}`;
  const qr = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const svg = qr.replace('<svg ', '<svg role="img" aria-label="本文网址二维码，用微信扫一扫分享" ');
  const weibo = `https://service.weibo.com/share/share.php?url=${encodeURIComponent(url)}&title=${encodeURIComponent(a.title)}`;
  const crumbs = [
    home,
    { name: a.channel_name, href: `/channels/${a.channel_slug}` },
    ...(a.column_slug ? [{ name: `《${a.column_name}》`, href: `/columns/${a.column_slug}` }] : []),
    { name: '正文' },
  ];
  const body = `<article class="piece" aria-labelledby="title">
<h1 id="title">${e(a.title)}</h1>
<p class="meta"><span>时间:<time datetime="${a.published_at}">${dateTime(a.published_at!)}</time></span><span>来源:${e(a.source)}</span>${
    a.column_name ? `<span>专栏:<a href="/columns/${a.column_slug}">《${e(a.column_name)}》</a></span>` : ''
  }</p>
<div class="body">${scrollableTables(a.body_html)}</div>
<section class="share" aria-label="分享到">
<div class="qr" data-testid="share-qr">${svg}<span>微信扫一扫分享</span></div>
<div class="links"><strong>分享到：</strong>
<a href="${e(weibo)}" rel="noopener noreferrer" target="_blank">新浪微博</a>
<label for="share-url">本文链接：</label><input id="share-url" type="text" readonly value="${e(url)}">
<button type="button" data-copy="share-url">复制链接</button>
</div>
</section>
<nav class="prevnext" aria-label="上一篇和下一篇">
<div>上一篇：${previous ? `<a href="/articles/${previous.id}">${e(previous.title)}</a>` : '没有了'}</div>
<div>下一篇：${next ? `<a href="/articles/${next.id}">${e(next.title)}</a>` : '没有了'}</div>
</nav>
</article>`;
  return renderPage(frame, {
    title: a.title,
    description: a.summary || a.title,
    crumbs,
    currentChannel: a.channel_slug,
    ogType: 'article',
    ogImage: a.cover_image,
    body,
  });
}

export function notFoundPage(frame: PageFrame): string {
  return renderPage(frame, {
    title: '页面不存在',
    description: '您访问的页面不存在或已被删除',
    crumbs: [home, { name: '页面不存在' }],
    body: '<section class="notfound"><h1>404 页面不存在</h1><p>您访问的页面不存在、已被删除或尚未发布。</p><p><a href="/">返回主页</a>　<a href="/search">站内搜索</a></p></section>',
  });
}

type IndexData = {
  items: {
    id: number;
    title: string;
    summary: string;
    source: string;
    published_at: string | null;
    updated_at: string;
  }[];
  channels: { slug: string; updated_at: string }[];
  columns: { slug: string; updated_at: string }[];
};

const x = (s: string) => e(s);

export function rss(frame: PageFrame, d: IndexData): string {
  const items = d.items
    .map(
      (a) =>
        `<item><title>${x(a.title)}</title><link>${frame.origin}/articles/${a.id}</link><guid isPermaLink="true">${frame.origin}/articles/${a.id}</guid><description>${x(a.summary)}</description><author>${x(a.source)}</author><pubDate>${new Date(a.published_at!).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${x(frame.site.name)}</title><link>${frame.origin}/</link><description>${x(frame.site.description)}</description><language>zh-cn</language><lastBuildDate>${new Date(frame.now).toUTCString()}</lastBuildDate>
${items}
</channel></rss>`;
}

export function sitemap(frame: PageFrame, d: IndexData): string {
  const url = (loc: string, lastmod?: string | null) =>
    `<url><loc>${absolute(frame.origin, loc)}</loc>${lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[
  url('/', d.items[0]?.published_at),
  ...d.channels.map((c) => url(`/channels/${c.slug}`)),
  ...d.columns.map((c) => url(`/columns/${c.slug}`)),
  ...d.items.map((a) =>
    url(`/articles/${a.id}`, a.updated_at > (a.published_at ?? '') ? a.updated_at : a.published_at),
  ),
].join('\n')}
</urlset>`;
}
