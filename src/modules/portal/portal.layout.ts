import { escapeHtml as e } from '../newsroom/newsroom.sanitize.ts';
import { policeRecordCode, type Site } from '../newsroom/site.service.ts';
import { headerDate } from './portal.format.ts';

export interface Nav {
  slug: string;
  name: string;
}

export interface PageFrame {
  site: Site;
  channels: Nav[];
  now: string;
  /** Absolute origin, for canonical links and Open Graph. */
  origin: string;
  path: string;
  large: boolean;
}

export interface PageSpec {
  title: string;
  description: string;
  crumbs: { name: string; href?: string }[];
  currentChannel?: string;
  ogType?: 'website' | 'article';
  ogImage?: string | null;
  body: string;
}

function toggleHref(frame: PageFrame): string {
  return `/accessibility?large=${frame.large ? 0 : 1}&amp;back=${encodeURIComponent(frame.path)}`;
}

/** The shell of every public page: landmarks, header with today's date, channels, breadcrumb, footer. */
export function renderPage(frame: PageFrame, spec: PageSpec): string {
  const { site } = frame;
  const fullTitle = spec.title === site.name ? site.name : `${spec.title} - ${site.name}`;
  const url = `${frame.origin}${frame.path}`;
  const nav = [{ slug: '', name: '主页' }, ...frame.channels]
    .map((c) => {
      const href = c.slug ? `/channels/${c.slug}` : '/';
      const current = (spec.currentChannel ?? '') === c.slug ? ' aria-current="page"' : '';
      return `<li><a href="${href}"${current}>${e(c.name)}</a></li>`;
    })
    .join('');
  const crumbs = spec.crumbs
    .map((c, i) =>
      c.href && i < spec.crumbs.length - 1
        ? `<li><a href="${c.href}">${e(c.name)}</a></li>`
        : `<li aria-current="page">${e(c.name)}</li>`,
    )
    .join('');
  const footerLines = [
    site.copyright && `<p>${e(site.copyright)}</p>`,
    (site.address || site.postcode) &&
      `<p>${site.address ? `地址：${e(site.address)}` : ''}${site.address && site.postcode ? '　' : ''}${site.postcode ? `邮编：${e(site.postcode)}` : ''}</p>`,
    site.phone && `<p>电话：${e(site.phone)}</p>`,
    filingLine(site),
  ]
    .filter(Boolean)
    .join('');
  const ogImage = spec.ogImage
    ? `<meta property="og:image" content="${e(absolute(frame.origin, spec.ogImage))}">`
    : '';
  return `<!doctype html>
<html lang="zh-CN"${frame.large ? ' class="large"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(fullTitle)}</title>
<meta name="description" content="${e(spec.description)}">
<link rel="canonical" href="${e(url)}">
<meta property="og:site_name" content="${e(site.name)}">
<meta property="og:title" content="${e(spec.title)}">
<meta property="og:description" content="${e(spec.description)}">
<meta property="og:type" content="${spec.ogType ?? 'website'}">
<meta property="og:url" content="${e(url)}">
<meta property="og:locale" content="zh_CN">
${ogImage}
<link rel="alternate" type="application/rss+xml" title="${e(site.name)}" href="/rss.xml">
<link rel="icon" href="${e(site.faviconImage || '/favicon.svg')}"${site.faviconImage ? ' type="image/png"' : ' type="image/svg+xml"'}>
<link rel="stylesheet" href="/portal.css">
<script src="/portal.js" defer></script>
</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header>
<div class="topbar"><div class="wrap">
<span>${e(site.welcome)}　今天是 <time datetime="${frame.now.slice(0, 10)}">${headerDate(frame.now)}</time></span>
<span><a href="${toggleHref(frame)}">${frame.large ? '标准字号' : '大字版（适老化）'}</a>　<a href="/rss.xml">RSS订阅</a></span>
</div></div>
<div class="masthead"><div class="wrap">
<p class="site-name"><a href="/">${site.logoImage ? `<img src="${e(site.logoImage)}" alt="" width="48" height="48">` : ''}<span>${e(site.name)}</span></a></p>
<form class="search" role="search" action="/search" method="get">
<label for="q" class="skip">站内搜索</label>
<input id="q" name="q" type="search" placeholder="请输入关键词" aria-label="站内搜索关键词">
<button type="submit">搜索</button>
</form>
</div></div>
<nav class="channels" aria-label="频道导航"><ul>${nav}</ul></nav>
</header>
<div class="wrap">
<nav class="crumbs" aria-label="当前位置"><span>当前位置：</span><ol>${crumbs}</ol></nav>
<main id="main" tabindex="-1">
${spec.body}
</main>
</div>
<footer class="site"><div class="wrap">${footerLines}</div></footer>
</body>
</html>`;
}

/**
 * The filing numbers every site served in China shows in its footer, each linked to its public record: the
 * MIIT's ICP register, and the Ministry of Public Security's register queried by the 14-digit code.
 */
function filingLine(site: Site): string {
  const parts: string[] = [];
  if (site.icpNumber)
    parts.push(
      `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer" data-testid="icp-number">${e(site.icpNumber)}</a>`,
    );
  const code = site.policeNumber ? policeRecordCode(site.policeNumber) : null;
  if (site.policeNumber)
    parts.push(
      `<a href="https://beian.mps.gov.cn/#/query/webSearch?code=${code ?? ''}" target="_blank" rel="noopener noreferrer" data-testid="police-number">${e(site.policeNumber)}</a>`,
    );
  return parts.length ? `<p class="filing">${parts.join('　')}</p>` : '';
}

export function absolute(origin: string, href: string): string {
  return /^https?:\/\//.test(href) ? href : `${origin}${href.startsWith('/') ? '' : '/'}${href}`;
}
