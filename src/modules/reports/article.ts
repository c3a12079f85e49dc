import { count, hours, money, percent, periodPhrase } from './chinese-figures.ts';
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

/** A clause that states a figure, or nothing when the figure is zero: the draft never boasts of nothing. */
type Clause = string | null;
const when = (figure: number, text: string): Clause => (figure > 0 ? text : null);

/** Joins the clauses that remain into one sentence, or none. */
function sentence(opening: string, clauses: Clause[]): string | null {
  const kept = clauses.filter((c): c is string => c != null);
  return kept.length === 0 ? null : `${opening}${kept.join('，')}。`;
}

function paragraphs(...sentences: (string | null)[]): string[] {
  const kept = sentences.filter((s): s is string => s != null);
  return kept.length === 0 ? [] : [kept.join('')];
}

/** The short name used inside sentences: 共青团示例县委员会 → 示例县团委. */
export function shortName(orgName: string): string {
  const m = /^共青团(.+?)(委员会|工作委员会)$/.exec(orgName);
  return m ? `${m[1]}团${m[2] === '工作委员会' ? '工委' : '委'}` : orgName;
}

function sections(sheet: AnswerSheet): ArticleSection[] {
  const i = sheet.indicators;
  const who = shortName(sheet.org.name);
  return [
    {
      heading: '01坚持党建引领',
      paragraphs: paragraphs(
        sentence(`${who}坚持把政治标准放在首位，严格落实推优入团制度，`, [
          when(i['admission.admitted'], `发展团员${count(i['admission.admitted'], '名')}`),
          when(
            i['admission.recommended'],
            `其中通过少先队推优、团员推荐入团${count(i['admission.recommended'], '名')}`,
          ),
          when(
            i['admission.in_progress'],
            `另有${count(i['admission.in_progress'], '名')}青年正在培养考察中`,
          ),
        ]),
        sentence('认真做好推优入党工作，', [
          when(i['party.recommended'], `向党组织推荐优秀团员${count(i['party.recommended'], '名')}`),
        ]),
        sentence('依托团校加强思想政治引领，', [
          when(i['school.schools'], `建成团校${count(i['school.schools'], '所')}`),
          when(i['school.class_hours'], `开设团课${count(i['school.class_hours'], '学时')}`),
          when(i['school.trainees'], `培训学员${count(i['school.trainees'], '名')}`),
        ]),
      ),
    },
    {
      heading: '02坚持组织引领',
      paragraphs: paragraphs(
        sentence('聚焦“有青年人的地方就有团组织”，持续扩大团的组织覆盖，', [
          when(i['org.active'], `现有团组织${count(i['org.active'], '个')}`),
          when(i['org.social'], `在社会组织中建立团组织${count(i['org.social'], '个')}`),
          when(i['org.nonpublic'], `在非公企业中建立团组织${count(i['org.nonpublic'], '个')}`),
          when(i['member.total'], `管理团员${count(i['member.total'], '名')}`),
        ]),
        sentence('配齐配强团干部队伍，', [
          when(
            i['cadre.county_seconded_deputies'],
            `选配挂职副书记${count(i['cadre.county_seconded_deputies'], '名')}`,
          ),
          when(
            i['cadre.county_parttime_deputies'],
            `兼职副书记${count(i['cadre.county_parttime_deputies'], '名')}`,
          ),
          when(
            i['cadre.township_student_deputies'],
            `选聘大学生兼任乡镇团委副书记${count(i['cadre.township_student_deputies'], '名')}`,
          ),
        ]),
      ),
    },
    {
      heading: '03坚持创新引领',
      paragraphs: paragraphs(
        sentence('积极争取各方支持，创新工作载体，', [
          when(i['fund.total'], `争取工作经费${money(i['fund.total'])}`),
          when(i['fund.mental_health'], `其中青少年心理健康专项经费${money(i['fund.mental_health'])}`),
          when(i['venue.qingyi'], `建成“青翼家园”${count(i['venue.qingyi'], '个')}`),
        ]),
      ),
    },
    {
      heading: '04坚持服务引领',
      paragraphs: paragraphs(
        sentence('深入实施希望工程助学行动，', [
          when(i['aid.raised'], `募集助学资金${money(i['aid.raised'])}`),
          when(i['aid.granted'], `发放助学金${money(i['aid.granted'])}`),
          when(i['aid.students'], `资助困难学生${count(i['aid.students'], '名')}`),
        ]),
        sentence('关注青少年心理健康，', [
          when(i['mental.donations'], `募集心理健康项目资金${money(i['mental.donations'])}`),
          when(i['mental.counsellors'], `组建持证心理咨询师队伍${count(i['mental.counsellors'], '名')}`),
          when(i['mental.events'], `开展心理健康进村（社区）活动${count(i['mental.events'], '场')}`),
          when(i['mental.reach'], `覆盖${count(i['mental.reach'], '人次')}`),
          when(i['mental.consultations'], `提供个案咨询${count(i['mental.consultations'], '人次')}`),
        ]),
      ),
    },
    {
      heading: '05坚持活动引领',
      paragraphs: paragraphs(
        sentence('持续建强青年阵地，', [
          when(i['venue.youth_homes'], `建成青年之家${count(i['venue.youth_homes'], '个')}`),
          when(
            i['venue.townships_covered'],
            `覆盖${count(i['venue.townships_covered'], '个')}乡镇（街道）、覆盖率${percent(i['venue.township_coverage'])}`,
          ),
        ]),
        sentence('搭建青年成长平台，', [
          when(i['internship.posts'], `募集实习岗位${count(i['internship.posts'], '个')}`),
          when(i['internship.placed'], `安排大学生实习${count(i['internship.placed'], '人次')}`),
        ]),
        sentence('广泛开展志愿服务，', [
          when(i['volunteer.events'], `组织志愿服务活动${count(i['volunteer.events'], '场')}`),
          when(i['volunteer.participations'], `参与志愿者${count(i['volunteer.participations'], '人次')}`),
          when(i['volunteer.volunteers'], `涉及青年志愿者${count(i['volunteer.volunteers'], '名')}`),
          when(i['volunteer.hours'], `累计服务时长${hours(i['volunteer.hours'])}`),
        ]),
      ),
    },
  ];
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
