import type { AppContext } from '../context.ts';
import { type Actor, permissionsOf, systemActor } from '../modules/auth/auth.policy.ts';
import { createArticle } from '../modules/newsroom/articles.service.ts';
import { setNewsroomClock } from '../modules/newsroom/newsroom.clock.ts';
import { changeSiteSettings, createChannel, createColumn } from '../modules/newsroom/site.service.ts';
import { ANSWER_SHEET_COLUMN, submitAnswerSheet } from '../modules/newsroom/submission.service.ts';
import { approveArticle, returnArticle, submitArticle } from '../modules/newsroom/workflow.service.ts';
import { findOrgByCode } from '../modules/orgs/orgs.repository.ts';
import { createUser, type NewUser } from '../modules/users/users.service.ts';

/** Pieces of the kind the municipal league's site carries, for the demo city's committees. */
interface DemoPiece {
  channel: string;
  column?: string;
  org: (counties: string[], city: string) => string;
  title: string;
  paragraphs: string[];
  daysAgo: number;
  featured?: boolean;
}

const PIECES: DemoPiece[] = [
  {
    channel: 'tuanqing',
    org: ([a]) => a!,
    title: '东湖县团委召开2026年度基层团组织改革推进会',
    paragraphs: [
      '近日，东湖县团委召开基层团组织改革推进会，各乡镇团委书记、县直单位团组织负责人参加会议。',
      '会议通报了全县团组织“五个引领”工作进展，部署了下一阶段团员发展、“青年之家”阵地建设和志愿服务等重点任务。',
    ],
    daysAgo: 2,
    featured: true,
  },
  {
    channel: 'tuanqing',
    org: ([, b]) => b!,
    title: '西岭县开展“青春建功乡村振兴”志愿服务活动',
    paragraphs: [
      '西岭县团委组织县内青年志愿者深入各村开展农技宣传、助老助残、文明实践等志愿服务活动。',
      '活动共组织志愿者一百余人次，服务群众三百余人，进一步擦亮了“青春西岭”志愿服务品牌。',
    ],
    daysAgo: 4,
    featured: true,
  },
  {
    channel: 'tuanqing',
    org: (_, city) => city,
    title: '市团委举办全市团干部能力提升培训班',
    paragraphs: [
      '为进一步提升全市团干部政治素质和履职能力，市团委在示范职业技术学院举办团干部能力提升培训班。',
      '培训围绕团的基层组织建设、团员发展、网上共青团工作等内容开展专题授课和交流研讨。',
    ],
    daysAgo: 6,
  },
  {
    channel: 'tongzhi',
    org: (_, city) => city,
    title: '关于做好2026年度团员教育评议工作的通知',
    paragraphs: [
      '各县团委、市直各单位团组织：根据团中央有关要求，现就做好2026年度团员教育评议工作通知如下。',
      '各级团组织要精心组织、严格程序，于规定时间内完成评议并报送结果。',
    ],
    daysAgo: 3,
  },
  {
    channel: 'tongzhi',
    org: (_, city) => city,
    title: '关于推荐“五四红旗团委（团支部）”的通知',
    paragraphs: [
      '各县团委：为表彰先进、树立典型，市团委决定开展“五四红旗团委（团支部）”推荐工作，请按要求组织推荐。',
    ],
    daysAgo: 9,
  },
  {
    channel: 'jiceng',
    org: ([a]) => a!,
    title: '东湖县青少年心理健康服务站开展“心灵护航”主题活动',
    paragraphs: ['东湖县青少年心理健康服务站走进校园，为中小学生开展心理健康讲座和团体辅导，受到师生欢迎。'],
    daysAgo: 5,
  },
  {
    channel: 'jiceng',
    org: ([, b]) => b!,
    title: '西岭县“青年之家”阵地开展暑期公益托管',
    paragraphs: [
      '暑期期间，西岭县各“青年之家”阵地开展公益托管服务，大学生志愿者为留守儿童辅导作业、开展兴趣课堂。',
    ],
    daysAgo: 20,
  },
];

/** Editor and reviewer logins of the demo site (the seeder prints them with the others). */
export function portalDemoAccounts(cityCode: string, password: string): NewUser[] {
  return [
    {
      username: 'city_reviewer',
      password,
      displayName: '市团委网站审核',
      orgCode: cityCode,
      roles: ['portal_reviewer'],
    },
    {
      username: 'donghu_editor',
      password,
      displayName: '东湖县团委网站编辑',
      orgCode: `${cityCode}-A`,
      roles: ['portal_editor'],
    },
    {
      username: 'xiling_editor',
      password,
      displayName: '西岭县团委网站编辑',
      orgCode: `${cityCode}-B`,
      roles: ['portal_editor'],
    },
  ];
}

/** The demo editor as he acts in the newsroom: his own account, his county, his role. */
async function editorActor(ctx: AppContext, username: string): Promise<Actor> {
  const user = await ctx.db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'users.id',
      'users.display_name',
      'orgs.id as org_id',
      'orgs.code',
      'orgs.name',
      'orgs.level',
      'orgs.path',
    ])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    ...systemActor('演示数据'),
    userId: user.id,
    username,
    displayName: user.display_name,
    orgId: user.org_id,
    orgCode: user.code,
    orgName: user.name,
    orgLevel: user.level,
    orgPath: user.path,
    scopePath: user.path,
    roles: ['portal_editor'],
    permissions: new Set(permissionsOf(['portal_editor'])),
  };
}

function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${p}</p>`).join('');
}

/**
 * The demo city's website: settings, channels, the 《青春答卷》 column, pieces from both counties put
 * through the newsroom's workflow at their dates (the newsroom's clock is set back for each), and a
 * 《青春答卷》 piece drafted from the demo data itself: one county's published, the other's waiting for
 * review.
 */
export async function seedPortalDemo(ctx: AppContext, cityCode: string, password: string): Promise<number> {
  const actor: Actor = systemActor('演示数据');
  const city = (await findOrgByCode(ctx.db, cityCode))!;
  const counties = [`${cityCode}-A`, `${cityCode}-B`];
  for (const account of portalDemoAccounts(cityCode, password)) await createUser(ctx, actor, account);
  await changeSiteSettings(ctx, actor, {
    name: city.name,
    welcome: `欢迎访问${city.name}网站`,
    description: `${city.name}官方网站：团情快讯、通知公告、基层动态、《青春答卷》专栏`,
    copyright: `版权所有：${city.name}　主办：${city.name}`,
    address: '示范市人民大道88号市民中心B座6楼',
    postcode: '419900',
    phone: '0000-12345678',
    friendlyLinks: [
      { name: '中国共青团网', url: 'https://www.gqt.org.cn/' },
      { name: '中国青年网', url: 'https://www.youth.cn/' },
      { name: '中国志愿服务网', url: 'https://chinavolunteer.mca.gov.cn/' },
    ],
  });
  const channels: [string, string][] = [
    ['tuanqing', '团情快讯'],
    ['tongzhi', '通知公告'],
    ['jiceng', '基层动态'],
    ['qingchun', '青春答卷'],
  ];
  for (const [i, [slug, name]] of channels.entries())
    await createChannel(ctx, actor, { slug, name, sortOrder: i + 1 });
  await createColumn(ctx, actor, {
    slug: ANSWER_SHEET_COLUMN,
    name: '青春答卷',
    intro:
      '聚焦党建引领、组织引领、创新引领、服务引领、活动引领“五个引领”，展示各县团委深化改革、服务青年的工作成效。',
    channelSlug: 'qingchun',
    orgCode: cityCode,
  });

  const realNow = Date.now();
  const day = 86_400_000;
  // `hourUtc` 1 is 09:00 in Beijing.
  const at = (daysAgo: number, hourUtc: number) =>
    Math.floor(realNow / day) * day - daysAgo * day + hourUtc * 3600_000;
  let count = 0;
  try {
    for (const piece of [...PIECES].sort((a, b) => b.daysAgo - a.daysAgo)) {
      setNewsroomClock(ctx, () => new Date(at(piece.daysAgo, 1 + (count % 8))));
      const id = await createArticle(ctx, actor, {
        title: piece.title,
        bodyHtml: paragraphsHtml(piece.paragraphs),
        channelSlug: piece.channel,
        orgCode: piece.org(counties, cityCode),
        featured: piece.featured ?? false,
      });
      await submitArticle(ctx, actor, id);
      await approveArticle(ctx, actor, id);
      count++;
    }
    const period = { from: '2022-01-01', to: new Date(at(1, 2)).toISOString().slice(0, 10) };
    setNewsroomClock(ctx, () => new Date(at(1, 2)));
    const { article: published } = await submitAnswerSheet(ctx, actor, { org: counties[0]!, ...period });
    await approveArticle(ctx, actor, published.id);
    const { article: pending } = await submitAnswerSheet(ctx, actor, { org: counties[1]!, ...period });
    await returnArticle(ctx, actor, pending.id, '请补充典型案例和图片后再提交。');
    count += 2;
    // The city reviewer's work for today (the to-do centre): a piece 东湖县's editor has just sent.
    setNewsroomClock(ctx, () => new Date());
    const editor = await editorActor(ctx, 'donghu_editor');
    const waiting = await createArticle(ctx, editor, {
      title: '东湖县团委开展“青春心向党”主题团日活动',
      bodyHtml: paragraphsHtml([
        '东湖县各基层团支部结合“三会两制一课”，组织团员青年开展主题团日活动，重温入团誓词。',
      ]),
      channelSlug: 'jiceng',
      orgCode: counties[0]!,
    });
    await submitArticle(ctx, editor, waiting);
    count++;
  } finally {
    setNewsroomClock(ctx, () => new Date());
  }
  return count;
}
