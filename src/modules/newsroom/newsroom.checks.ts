import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/create-db.ts';
import type { Problem } from '../../lib/errors.ts';
import { findArticle, findChannel, findColumn, findImage } from './newsroom.repository.ts';
import { plainText } from './newsroom.sanitize.ts';
import type { SensitiveWord } from './site.service.ts';

/**
 * Inspection-proof content: before a piece goes live it is read against the site's list of 错敏词 and
 * every link and image in it is resolved. Internal targets must exist and be public; external links must
 * be well-formed http(s) addresses. (Fetching outside sites is left out on purpose: the server of a county
 * committee often has no outbound access, and a check must not depend on someone else's uptime.)
 */
export interface CheckInput {
  id: number;
  title: string;
  summary: string;
  bodyHtml: string;
  coverImage: string | null;
}

function problem(column: string, value: string, reason: string): Problem {
  return { row: null, column, value, reason };
}

export function findSensitiveWords(input: CheckInput, words: readonly SensitiveWord[]): Problem[] {
  const fields: [string, string][] = [
    ['title', input.title],
    ['summary', input.summary],
    ['bodyHtml', plainText(input.bodyHtml)],
  ];
  const problems: Problem[] = [];
  for (const { word, suggestion } of words) {
    for (const [column, text] of fields) {
      const at = text.indexOf(word);
      if (at < 0) continue;
      const context = text.slice(Math.max(0, at - 10), at + word.length + 10);
      problems.push(
        problem(column, context, `含错敏词「${word}」${suggestion ? `，应为：${suggestion}` : '，请删改'}`),
      );
      // Once per word: a summary drawn from the body would otherwise report the same place twice.
      break;
    }
  }
  return problems;
}

/** href and src values of the stored (already sanitised) HTML. */
export function linksOf(html: string): { attr: 'href' | 'src'; url: string }[] {
  const found: { attr: 'href' | 'src'; url: string }[] = [];
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    found.push({ attr: m[1] as 'href' | 'src', url: m[2]!.replace(/&amp;/g, '&') });
  }
  return found;
}

export async function checkLinks(
  db: Db,
  dataDir: string,
  input: CheckInput,
  now: string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  // GB/T 37668 / WCAG 1.1.1: every picture says what it shows, for readers who cannot see it.
  for (const m of input.bodyHtml.matchAll(/<img\b[^>]*>/g)) {
    const alt = /\salt="([^"]*)"/.exec(m[0])?.[1]?.trim();
    if (!alt)
      problems.push(
        problem('image', /\ssrc="([^"]*)"/.exec(m[0])?.[1] ?? '', '图片缺少替代文字（图片说明）'),
      );
  }
  const targets = linksOf(input.bodyHtml);
  if (input.coverImage) targets.push({ attr: 'src', url: input.coverImage });
  for (const { attr, url } of targets) {
    const bad = (reason: string) => problems.push(problem(attr === 'src' ? 'image' : 'link', url, reason));
    if (attr === 'src' && /^https?:\/\//i.test(url)) {
      // The site's security policy shows only its own images; a hot-linked picture would be a blank box.
      bad('外站图片无法在本站显示，请下载后上传到本站');
      continue;
    }
    if (/^https?:\/\//i.test(url)) {
      try {
        const parsed = new URL(url);
        if (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost') bad('外部链接的域名不完整');
      } catch {
        bad('外部链接格式不正确');
      }
      continue;
    }
    if (/^mailto:/i.test(url) || url.startsWith('#')) continue;
    if (!url.startsWith('/')) {
      bad(
        attr === 'src'
          ? '图片地址无效（请重新上传图片）'
          : '链接地址无效：应为 http(s):// 开头的完整地址或本站路径',
      );
      continue;
    }
    const reason = await internalTarget(db, dataDir, input.id, url.split(/[?#]/)[0]!, now);
    if (reason) bad(reason);
  }
  return problems;
}

/** Why a site-relative address does not resolve to something public, or null when it does. */
async function internalTarget(db: Db, dataDir: string, selfId: number, pathname: string, now: string) {
  const image = /^\/uploads\/portal\/([\w.-]+)$/.exec(pathname);
  if (image) {
    const found = await findImage(db, image[1]!);
    return found && existsSync(path.join(dataDir, 'uploads', 'portal', found.file_name))
      ? null
      : '图片不存在（可能已被删除）';
  }
  const article = /^\/articles\/(\d+)$/.exec(pathname);
  if (article) {
    const id = Number(article[1]);
    if (id === selfId) return null;
    const target = await findArticle(db, id);
    return target && target.status === 'published' && (target.published_at ?? '') <= now
      ? null
      : '链接指向的文章不存在或尚未发布';
  }
  const channel = /^\/channels\/([a-z0-9-]+)$/.exec(pathname);
  if (channel) return (await findChannel(db, { slug: channel[1]! })) ? null : '链接指向的频道不存在';
  const column = /^\/columns\/([a-z0-9-]+)$/.exec(pathname);
  if (column) return (await findColumn(db, { slug: column[1]! })) ? null : '链接指向的专栏不存在';
  return ['/', '/search', '/rss.xml', '/sitemap.xml'].includes(pathname) ? null : '本站没有这个页面';
}
