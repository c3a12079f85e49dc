import { periodPhrase } from './chinese-figures.ts';
import type { Lead, Sentence } from './indicator.ts';
import { INDICATORS, LEAD_LABELS } from './indicators.ts';
import type { AnswerSheet } from './reports.service.ts';

export interface ArticleSection {
  heading: string;
  paragraphs: string[];
}

export interface Article {
  title: string;
  author: string;
  lead: string;
  sections: ArticleSection[];
  markdown: string;
}

/** Joins the clauses that remain into one sentence, or none. */
function sentence(opening: string, clauses: string[]): string | null {
  return clauses.length === 0 ? null : `${opening}${clauses.join('，')}。`;
}

/** The short name used inside sentences: 共青团示例县委员会 → 示例县团委. */
export function shortName(orgName: string): string {
  const m = /^共青团(.+?)(委员会|工作委员会)$/.exec(orgName);
  return m ? `${m[1]}团${m[2] === '工作委员会' ? '工委' : '委'}` : orgName;
}

/** Each sentence's opening, in the order the column writes them; the clauses are the indicators' own. */
const OPENINGS: Record<Sentence, (who: string) => string> = {
  admission: (who) => `${who}坚持把政治标准放在首位，严格落实推优入团制度，`,
  party: () => '认真做好推优入党工作，',
  school: () => '依托团校加强思想政治引领，',
  orgs: () => '聚焦“有青年人的地方就有团组织”，持续扩大团的组织覆盖，',
  cadres: () => '配齐配强团干部队伍，',
  funding: () => '积极争取各方支持，创新工作载体，',
  aid: () => '深入实施希望工程助学行动，',
  mental: () => '关注青少年心理健康，',
  venues: () => '持续建强青年阵地，',
  internships: () => '搭建青年成长平台，',
  volunteering: () => '广泛开展志愿服务，',
};

/**
 * The five numbered sections, one per lead: each of its sentences states, in the table's order (a total first),
 * the clauses of its indicators whose figure is not zero — the draft never boasts of nothing.
 */
function sections(sheet: AnswerSheet): ArticleSection[] {
  const figures: Record<string, number> = sheet.indicators;
  const who = shortName(sheet.org.name);
  return (Object.keys(LEAD_LABELS) as Lead[]).map((lead, n) => {
    const sentences = (Object.keys(OPENINGS) as Sentence[]).flatMap((key) => {
      const clauses = INDICATORS.filter((i) => i.lead === lead && i.article?.sentence === key)
        .sort((a, b) => Number(b.article?.opens ?? false) - Number(a.article?.opens ?? false))
        .filter((i) => figures[i.key]! > 0)
        .map((i) => i.article!.phrase(figures[i.key]!, figures));
      const text = sentence(OPENINGS[key](who), clauses);
      return text ? [text] : [];
    });
    return {
      heading: `0${n + 1}坚持${LEAD_LABELS[lead]}`,
      paragraphs: sentences.length === 0 ? [] : [sentences.join('')],
    };
  });
}

export function defaultTitle(orgName: string): string {
  return `青春答卷 | ${orgName}：“五个引领”推动团组织改革工作出色出彩`;
}

function toMarkdown(a: Omit<Article, 'markdown'>): string {
  const body = a.sections
    .filter((s) => s.paragraphs.length > 0)
    .map((s) => `## ${s.heading}\n\n${s.paragraphs.join('\n\n')}`)
    .join('\n\n');
  return `# ${a.title}\n\n${a.author}\n\n${a.lead}\n\n${body}\n`;
}

/** Drafts the column piece from the figures; staff edit it before it goes to the portal. */
export function draftArticle(sheet: AnswerSheet, title = defaultTitle(sheet.org.name)): Article {
  const who = shortName(sheet.org.name);
  const lead = `${periodPhrase(sheet.period.from, sheet.period.to)}，${who}坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，紧紧围绕“五个引领”，以改革攻坚为抓手，团结带领广大团员青年在服务中心大局中贡献青春力量，推动团组织改革工作出色出彩。`;
  const parts = { title, author: sheet.org.name, lead, sections: sections(sheet) };
  return { ...parts, markdown: toMarkdown(parts) };
}

/** Inline Markdown a clerk may type (`**重点**`, `[链接](…)`, `` `代码` ``) reduced to its words, for Word. */
function plainInline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(\*|_)(.+?)\1/g, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^>\s?/gm, '')
    .replace(/\s*\n\s*/g, '')
    .trim();
}

/** A line standing alone under the title, short and without a full stop: the author (署名), as drafted. */
const looksLikeByline = (block: string) =>
  !block.includes('\n') && block.length <= 40 && !/[。！？；]/.test(block);

/**
 * The draft as the clerk left it in the editor (issue 17 item 3): `# ` is the title, the short line under it the
 * author, the first paragraph the lead, `## ` the sections, blank lines between paragraphs — the shape
 * `draftArticle` writes. What is missing is taken from `fallback` (the generated title and author), so a
 * draft whose title line was deleted still has one.
 */
export function parseArticleMarkdown(
  markdown: string,
  fallback: { title: string; author: string },
): Omit<Article, 'markdown'> & { body: string } {
  const blocks = markdown
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  let title = fallback.title;
  let author = fallback.author;
  if (blocks[0]?.startsWith('# ')) {
    const [heading = '', ...rest] = blocks[0].split('\n');
    title = heading.slice(2).trim() || title;
    if (rest.length > 0) blocks[0] = rest.join('\n');
    else blocks.shift();
    if (blocks[0] && looksLikeByline(blocks[0])) author = blocks.shift()!;
  }
  const body = blocks.join('\n\n');
  let lead = '';
  const sections: ArticleSection[] = [];
  for (const block of blocks) {
    const heading = /^#{1,6}\s+(.*)$/.exec(block.split('\n')[0] ?? '');
    if (heading) {
      sections.push({ heading: plainInline(heading[1] ?? ''), paragraphs: [] });
      const rest = block.split('\n').slice(1).join('\n').trim();
      if (rest) sections[sections.length - 1]!.paragraphs.push(plainInline(rest));
    } else if (sections.length > 0) sections[sections.length - 1]!.paragraphs.push(plainInline(block));
    else if (!lead) lead = plainInline(block);
    else sections.push({ heading: '', paragraphs: [plainInline(block)] });
  }
  return { title, author, lead, sections, body };
}
