import ExcelJS from 'exceljs';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../lib/id-number.ts';
import { systemActor } from '../modules/auth/auth.policy.ts';
import { permissionOf } from '../modules/auth/auth.request.ts';
import { createArticle } from '../modules/newsroom/articles.service.ts';
import { createChannel, createColumn } from '../modules/newsroom/site.service.ts';
import { ANSWER_SHEET_COLUMN } from '../modules/newsroom/submission.service.ts';
import { submitArticle } from '../modules/newsroom/workflow.service.ts';
import { buildTestApp, login, type Session } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { dumpTables, multipartFile, tablesChecksum } from '../test/dump.ts';
import { buildOrg, buildPerson, buildRegion, buildUser } from '../test/factories.ts';
import { ADMISSION_PROBES, seedAdmissionProbeRecords } from '../test/probes/admission.ts';
import { LEDGER_PROBES, seedLedgerProbes } from '../test/probes/ledgers.ts';
import {
  MEMBERSHIP_PROBES,
  membershipProbeUrl,
  seedMembershipProbeRecords,
} from '../test/probes/membership.ts';
import { NOTIFICATIONS_PROBES } from '../test/probes/notifications.ts';
import { USERS_PROBES } from '../test/probes/users.ts';
import {
  seedVolunteeringProbes,
  VOLUNTEERING_PROBES,
  volunteeringProbeUrl,
} from '../test/probes/volunteering.ts';
import type { App } from './app.ts';

/**
 * DESIGN.md "Access": a user of one county can neither read nor change anything of another county,
 * through any route. This walks every /api route the app registers, as SL-B's admin aiming at SL-A.
 */

/** Routes outside the walk: they name no county's records. */
const EXEMPT = [/^\/api\/auth\/(login|logout|me|password)$/, /^\/api\/(health|ready)$/, /^\/api\/docs(\/|$)/];

type Expectation =
  /** 403 or 404. */
  | 'denied'
  /** A 2xx is fine: the route answers from the caller's own scope or with shared reference data (say why). */
  | 'own'
  /** An import whose rows lie outside the caller's subtree: refused whole (IMPORT-SPEC.md "scope"), 422. */
  | 'refused';

interface Probe {
  url: string;
  payload?: object;
  file?: { name: string; content: string };
  expect: Expectation;
  why?: string;
}

const SL_A_ID = makeIdNumber('419901', '2003-09-09', 1);
const SL_A_NEW_ID = makeIdNumber('419901', '2006-06-06', 2);
const SL_B_NEW_ID = makeIdNumber('419902', '2006-06-06', 3);

/**
 * For each route (`METHOD url` as registered, without a trailing slash), requests pointing at SL-A's
 * records. `:person` stands for the id of a person of SL-A. A route missing here fails the walk.
 */
const PROBES: Record<string, Probe[]> = {
  ...ADMISSION_PROBES,
  ...MEMBERSHIP_PROBES,
  ...USERS_PROBES,
  ...NOTIFICATIONS_PROBES,
  'GET /api/todo': [
    {
      url: '/api/todo',
      expect: 'own',
      why: 'counts of his own reach only; no parameter names another county',
    },
  ],
  'GET /api/regions': [
    { url: '/api/regions', expect: 'own', why: 'regions are shared reference data; he sees his own region' },
    { url: '/api/regions?parent=419901', expect: 'own', why: 'regions are shared reference data' },
  ],
  'GET /api/orgs/tree': [
    { url: '/api/orgs/tree?root=SL-A', expect: 'denied' },
    { url: '/api/orgs/tree?root=SL', expect: 'denied' },
  ],
  'GET /api/orgs/:code': [
    { url: '/api/orgs/SL-A', expect: 'denied' },
    { url: '/api/orgs/SL-A-T1-V1', expect: 'denied' },
  ],
  'POST /api/orgs': [
    {
      url: '/api/orgs',
      payload: {
        code: 'SL-B-NEW',
        parentCode: 'SL-A',
        name: '越界组织',
        kind: 'branch',
        level: 'grassroots',
        domain: '其他',
        regionCode: '419902',
      },
      expect: 'denied',
    },
  ],
  'PATCH /api/orgs/:code': [
    { url: '/api/orgs/SL-A-T1', payload: { name: '越界改名' }, expect: 'denied' },
    { url: '/api/orgs/SL', payload: { name: '越界改名' }, expect: 'denied' },
  ],
  'POST /api/orgs/:code/move': [
    { url: '/api/orgs/SL-A-T1/move', payload: { parentCode: 'SL-B' }, expect: 'denied' },
    { url: '/api/orgs/SL-B-T1/move', payload: { parentCode: 'SL-A' }, expect: 'denied' },
  ],
  'POST /api/orgs/:code/revoke': [{ url: '/api/orgs/SL-A-T1-V1/revoke', expect: 'denied' }],
  'GET /api/people': [
    { url: '/api/people?org=SL-A', expect: 'denied' },
    { url: '/api/people?org=SL', expect: 'denied' },
    { url: `/api/people?q=${SL_A_ID}`, expect: 'own', why: 'a search without org runs in his own subtree' },
    { url: `/api/people?q=${encodeURIComponent('甲县')}`, expect: 'own', why: 'as above' },
  ],
  'POST /api/people/search': [
    { url: '/api/people/search', payload: { org: 'SL-A' }, expect: 'denied' },
    {
      url: '/api/people/search',
      payload: { q: SL_A_ID },
      expect: 'own',
      why: 'a search runs in his own subtree',
    },
  ],
  // The walker (a county admin) reads the roll and has no named lookup; its reach is people-lookup.integration's.
  'POST /api/people/lookup': [
    { url: '/api/people/lookup', payload: { q: SL_A_ID }, expect: 'denied' },
    { url: '/api/people/lookup', payload: { q: '甲县张三' }, expect: 'denied' },
  ],
  'GET /api/people/export': [
    { url: '/api/people/export?org=SL-A', expect: 'denied' },
    { url: `/api/people/export?q=${SL_A_ID}`, expect: 'own', why: 'his own subtree only' },
  ],
  'GET /api/people/:id': [{ url: '/api/people/:person', expect: 'denied' }],
  'POST /api/people/:id/reveal-id': [{ url: '/api/people/:person/reveal-id', expect: 'denied' }],
  'POST /api/people/:id/reveal-phone': [{ url: '/api/people/:person/reveal-phone', expect: 'denied' }],
  'POST /api/people': [
    {
      url: '/api/people',
      payload: {
        idNumber: SL_A_NEW_ID,
        name: '越界新人',
        politicalStatus: 'league_member',
        orgCode: 'SL-A-T1',
        joinedOn: '2021-05-04',
      },
      expect: 'denied',
    },
  ],
  'PATCH /api/people/:id': [
    // Renamed to his own name: the city admin's write must succeed without changing what later probes name.
    { url: '/api/people/:person', payload: { name: '甲县张三' }, expect: 'denied' },
    { url: '/api/people/:person', payload: { orgCode: 'SL-B' }, expect: 'denied' },
  ],
  'GET /api/imports/kinds': [
    { url: '/api/imports/kinds', expect: 'own', why: 'the formats, the same for all' },
  ],
  'GET /api/imports/kinds/:kind/template': [
    { url: '/api/imports/kinds/people/template', expect: 'own', why: 'a blank template' },
  ],
  'GET /api/imports': [{ url: '/api/imports', expect: 'own', why: 'his own subtree’s imports only' }],
  'POST /api/imports/:kind': [
    {
      url: '/api/imports/people',
      file: {
        name: 'people.csv',
        content: `身份证号,姓名,政治面貌,所在团组织编码,入团日期\n${SL_B_NEW_ID},越界,共青团员,SL-A-T1,2021-05-04\n`,
      },
      expect: 'refused',
    },
    {
      url: '/api/imports/people',
      file: {
        name: 'people.csv',
        content: `身份证号,姓名,政治面貌,所在团组织编码,入团日期\n${SL_A_ID},越界改名,共青团员,SL-B,2021-05-04\n`,
      },
      expect: 'refused',
    },
    {
      url: '/api/imports/orgs',
      file: {
        name: 'orgs.csv',
        content:
          '组织编码,组织名称,组织类型,组织层级,上级组织编码,所属领域,所在区划编码\n' +
          'SL-A-T1,越界改名,团工委,乡镇,SL-A,乡镇街道,419901\nSL-B-X,越界,团支部,基层,SL-A-T1,其他,419901\n',
      },
      expect: 'refused',
    },
  ],
  'POST /api/imports/:kind/suggest': [
    {
      url: '/api/imports/people/suggest',
      file: { name: 'people.csv', content: `身份证号,姓名\n${SL_B_NEW_ID},乙县新人\n` },
      expect: 'own',
      why: 'reads only the file he sends; a saved mapping is reused from his own line of organisations only',
    },
  ],
  'GET /api/imports/:kind/mappings': [
    {
      url: '/api/imports/people/mappings',
      expect: 'own',
      why: 'those of his own line of organisations only',
    },
  ],
  'PUT /api/imports/:kind/mappings': [
    {
      url: '/api/imports/people/mappings',
      payload: { name: '县花名册', mapping: { 证件: '身份证号' }, headers: ['证件'] },
      expect: 'own',
      why: 'saved for his own organisation, whatever the name: SL-A’s of the same name stays as it was',
    },
  ],
  'DELETE /api/imports/:kind/mappings/:id': [
    { url: '/api/imports/people/mappings/:mapping', expect: 'denied' },
  ],
  'GET /api/audit': [
    { url: '/api/audit', expect: 'own', why: 'his own subtree’s entries only' },
    { url: '/api/audit?username=jia-admin', expect: 'own', why: 'as above' },
  ],
  'GET /api/users': [{ url: '/api/users', expect: 'own', why: 'his own subtree’s users only' }],
  'POST /api/users': [
    {
      url: '/api/users',
      payload: {
        username: 'intruder',
        password: 'long-enough-password',
        displayName: '越界',
        orgCode: 'SL-A',
        roles: ['org_admin'],
      },
      expect: 'denied',
    },
  ],
  'GET /api/reports/answer-sheet': [
    { url: '/api/reports/answer-sheet?org=SL-A&from=2022-01-01&to=2023-12-31', expect: 'denied' },
    { url: '/api/reports/answer-sheet?org=SL&from=2022-01-01&to=2023-12-31', expect: 'denied' },
  ],
  'GET /api/reports/indicators': [
    { url: '/api/reports/indicators', expect: 'own', why: 'the definitions of the indicators, no data' },
  ],
  'GET /api/reports/records': [
    {
      url: '/api/reports/records?org=SL-A&indicator=admission.admitted&from=2022-01-01&to=2023-12-31',
      expect: 'denied',
    },
    {
      url: '/api/reports/records?org=SL&indicator=member.total&from=2022-01-01&to=2023-12-31',
      expect: 'denied',
    },
  ],
  'GET /api/reports/records/export': [
    {
      url: '/api/reports/records/export?org=SL-A&indicator=member.total&from=2022-01-01&to=2023-12-31',
      expect: 'denied',
    },
  ],
  'GET /api/reports/article': [
    { url: '/api/reports/article?org=SL-A&from=2022-01-01&to=2023-12-31', expect: 'denied' },
    { url: '/api/reports/article?org=SL-A&format=docx&from=2022-01-01&to=2023-12-31', expect: 'denied' },
  ],
  'POST /api/reports/article/docx': [
    {
      url: '/api/reports/article/docx',
      payload: { org: 'SL-A', from: '2022-01-01', to: '2023-12-31', markdown: '# 越界\n\n正文。' },
      expect: 'denied',
    },
  ],
  'GET /api/reports/dashboard': [
    { url: '/api/reports/dashboard?org=SL-A&from=2022-01-01&to=2023-12-31', expect: 'denied' },
  ],
  'GET /api/reports/compare': [
    { url: '/api/reports/compare?org=SL&from=2022-01-01&to=2023-12-31', expect: 'denied' },
  ],
  // The newsroom (issue 8). `:article` is a piece of SL-A, submitted to SL-A's own column.
  'GET /api/newsroom/site': [{ url: '/api/newsroom/site', expect: 'own', why: 'the public site’s settings' }],
  'PATCH /api/newsroom/site': [
    { url: '/api/newsroom/site', payload: { name: '越界改名' }, expect: 'denied' },
  ],
  'GET /api/newsroom/structure': [
    {
      url: '/api/newsroom/structure',
      expect: 'own',
      why: 'the site’s channels; only columns of his own line',
    },
  ],
  'POST /api/newsroom/channels': [
    { url: '/api/newsroom/channels', payload: { slug: 'intrude', name: '越界' }, expect: 'denied' },
  ],
  'PATCH /api/newsroom/channels/:slug': [
    { url: '/api/newsroom/channels/news', payload: { name: '越界改名' }, expect: 'denied' },
  ],
  'POST /api/newsroom/columns': [
    {
      url: '/api/newsroom/columns',
      payload: { slug: 'intrude', name: '越界', channelSlug: 'news', orgCode: 'SL-A' },
      expect: 'denied',
    },
  ],
  'PATCH /api/newsroom/columns/:slug': [
    { url: '/api/newsroom/columns/sl-a-col', payload: { name: '越界改名' }, expect: 'denied' },
  ],
  'GET /api/newsroom/stale-columns': [
    { url: '/api/newsroom/stale-columns', expect: 'own', why: 'columns of his own line only' },
  ],
  'GET /api/newsroom/articles': [
    { url: '/api/newsroom/articles', expect: 'own', why: 'pieces of his own subtree only' },
    { url: '/api/newsroom/articles?view=mine', expect: 'own', why: 'as above' },
  ],
  'POST /api/newsroom/articles': [
    {
      url: '/api/newsroom/articles',
      payload: { title: '越界', bodyHtml: '<p>越界</p>', channelSlug: 'news', orgCode: 'SL-A' },
      expect: 'denied',
    },
  ],
  'GET /api/newsroom/articles/:id': [{ url: '/api/newsroom/articles/:article', expect: 'denied' }],
  'PATCH /api/newsroom/articles/:id': [
    { url: '/api/newsroom/articles/:article', payload: { title: '越界改名' }, expect: 'denied' },
  ],
  'GET /api/newsroom/articles/:id/check': [
    { url: '/api/newsroom/articles/:article/check', expect: 'denied' },
  ],
  'POST /api/newsroom/articles/:id/submit': [
    { url: '/api/newsroom/articles/:article/submit', expect: 'denied' },
  ],
  'POST /api/newsroom/articles/:id/approve': [
    { url: '/api/newsroom/articles/:article/approve', expect: 'denied' },
  ],
  'POST /api/newsroom/articles/:id/return': [
    { url: '/api/newsroom/articles/:article/return', payload: { comment: '越界' }, expect: 'denied' },
  ],
  'POST /api/newsroom/articles/:id/withdraw': [
    { url: '/api/newsroom/articles/:article/withdraw', expect: 'denied' },
  ],
  'POST /api/newsroom/submissions/answer-sheet': [
    {
      url: '/api/newsroom/submissions/answer-sheet',
      payload: { org: 'SL-A', from: '2022-01-01', to: '2023-12-31' },
      expect: 'denied',
    },
  ],
  'POST /api/newsroom/images': [
    { url: '/api/newsroom/images?org=SL-A', file: { name: 'a.png', content: 'not read' }, expect: 'denied' },
  ],
  ...LEDGER_PROBES,
  ...VOLUNTEERING_PROBES,
};

interface WalkedRoute {
  method: string;
  url: string;
}

function apiRoutes(registered: RouteOptions[]): WalkedRoute[] {
  const seen = new Map<string, WalkedRoute>();
  for (const r of registered) {
    const url = r.url.length > 1 ? r.url.replace(/\/$/, '') : r.url;
    if (!url.startsWith('/api/') || EXEMPT.some((e) => e.test(url))) continue;
    for (const method of [r.method].flat()) {
      // HEAD runs the GET handler; the GET probe covers it.
      if (method === 'HEAD') continue;
      seen.set(`${method} ${url}`, { method, url });
    }
  }
  return [...seen.values()];
}

async function textOf(res: {
  headers: Record<string, unknown>;
  rawPayload: Buffer;
  body: string;
}): Promise<string> {
  if (String(res.headers['content-type'] ?? '').includes('spreadsheetml')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      });
    }
    return cells.join('\n');
  }
  return res.body;
}

for (const dialect of DIALECTS) {
  describe(`the walk of every route (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let countyB: Session;
    const registered: RouteOptions[] = [];
    let slAPerson: number;
    let slAArticle: number;
    let slAClerk: number;
    let slAMapping: number;
    let slANotification: number;
    /** `:admission`, `:partycase` → ids of SL-A's admission records. */
    let admissionIds: Record<string, number> = {};
    /** `:transfer`, `:campaign`, … → ids of SL-A's membership records. */
    let membershipIds: Record<string, number> = {};
    let volunteeringIds: Awaited<ReturnType<typeof seedVolunteeringProbes>> | undefined;
    /** Strings that only SL-A's records contain. */
    const markers: RegExp[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx, { onRoute: (r) => registered.push(r) });
      await sut.ready();
      await buildRegion(ctx, '419900', 'city');
      await buildRegion(ctx, '419901', 'county');
      await buildRegion(ctx, '419902', 'county');
      await buildOrg(ctx, {
        code: 'SL',
        name: '示例市团委',
        parentCode: null,
        kind: 'committee',
        level: 'city',
        regionCode: '419900',
      });
      await buildOrg(ctx, {
        code: 'SL-A',
        name: '甲县团委',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
      });
      await buildOrg(ctx, {
        code: 'SL-A-T1',
        name: '甲县一镇团工委',
        parentCode: 'SL-A',
        kind: 'working_committee',
        level: 'township',
      });
      await buildOrg(ctx, { code: 'SL-A-T1-V1', name: '甲县一村团支部', parentCode: 'SL-A-T1' });
      await buildOrg(ctx, {
        code: 'SL-B',
        name: '乙县团委',
        parentCode: 'SL',
        kind: 'committee',
        level: 'county',
        regionCode: '419902',
      });
      await buildOrg(ctx, {
        code: 'SL-B-T1',
        name: '乙县一镇团工委',
        parentCode: 'SL-B',
        kind: 'working_committee',
        level: 'township',
        regionCode: '419902',
      });
      const a = await buildPerson(ctx, {
        idNumber: SL_A_ID,
        name: '甲县张三',
        orgCode: 'SL-A-T1-V1',
        phone: '13911112222',
      });
      slAPerson = a.id;
      await buildPerson(ctx, { name: '甲县李四', orgCode: 'SL-A', politicalStatus: 'masses' });
      await buildPerson(ctx, {
        name: '乙县王五',
        orgCode: 'SL-B-T1',
        idNumber: makeIdNumber('419902', '2004-01-01', 4),
      });
      await buildUser(ctx, { username: 'jia-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      await buildUser(ctx, { username: 'yi-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      await seedLedgerProbes(ctx);

      // SL-A's admin leaves traces in every table a route might read: audit entries, an import, a user.
      const jia = await login(sut, 'jia-admin', 'correct-horse-battery');
      const upload = multipartFile(
        'jia-import.csv',
        Buffer.from(`身份证号,姓名,政治面貌\n${makeIdNumber('419901', '2006-01-01', 5)},甲县赵六,群众\n`),
      );
      const imported = await sut.inject({
        method: 'POST',
        url: '/api/imports/people',
        headers: { ...jia.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(imported.statusCode).toBe(200);
      const created = await sut.inject({
        method: 'POST',
        url: '/api/users',
        headers: jia.headers,
        payload: {
          username: 'jia-clerk',
          password: 'long-enough-password',
          displayName: '甲县文员',
          orgCode: 'SL-A-T1',
          roles: ['branch_secretary'],
        },
      });
      expect(created.statusCode).toBe(201);
      slAClerk = created.json().id;
      // A reminder to SL-A's clerk that failed for good: 重新发送 is offered for it.
      slANotification = (
        await ctx.db
          .insertInto('notifications')
          .values({
            user_id: slAClerk,
            channel: 'email',
            kind: 'todo_digest',
            subject: '【团务】待办',
            body: '甲县',
            state: 'abandoned',
            attempts: 6,
            dedupe_key: 'scope-walk',
            next_attempt_at: '2026-12-03T00:00:00.000Z',
            created_at: '2026-12-03T00:00:00.000Z',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const mapping = await sut.inject({
        method: 'PUT',
        url: '/api/imports/people/mappings',
        headers: jia.headers,
        payload: { name: '县花名册', mapping: { 证件: '身份证号' }, headers: ['证件'] },
      });
      expect(mapping.statusCode).toBe(200);
      slAMapping = mapping.json().id;
      await sut.inject({ method: 'POST', url: `/api/people/${slAPerson}/reveal-id`, headers: jia.headers });

      const literal = (t: string) => t.replace(/[*]/g, '\\*');
      markers.push(
        ...[
          '甲县',
          'jia-admin',
          'jia-clerk',
          'jia-import',
          'SL-A-T1',
          SL_A_ID,
          '13911112222',
          maskIdNumber(SL_A_ID),
        ].map((t) => new RegExp(literal(t))),
        // The code SL-A itself, not the templates' example codes such as SL-A-T01.
        /(^|[^\w-])SL-A(?![\w-])/,
      );
      // The newsroom: a channel of the site, a column of SL-A, and a piece of SL-A submitted to it.
      const system = systemActor('测试');
      await createChannel(ctx, system, { slug: 'news', name: '团情快讯' });
      // The city's 青春答卷 column, which answer-sheet submissions go to.
      await createColumn(ctx, system, {
        slug: ANSWER_SHEET_COLUMN,
        name: '青春答卷',
        channelSlug: 'news',
        orgCode: 'SL',
      });
      await createColumn(ctx, system, {
        slug: 'sl-a-col',
        name: '甲县风采',
        channelSlug: 'news',
        orgCode: 'SL-A',
      });
      slAArticle = await createArticle(ctx, system, {
        title: '甲县稿件',
        bodyHtml: '<p>甲县的稿件</p>',
        channelSlug: 'news',
        columnSlug: 'sl-a-col',
        orgCode: 'SL-A',
      });
      await submitArticle(ctx, system, slAArticle);
      admissionIds = await seedAdmissionProbeRecords(ctx, slAPerson);
      membershipIds = await seedMembershipProbeRecords(ctx, slAPerson);
      volunteeringIds = await seedVolunteeringProbes(ctx, slAPerson);
      countyB = await login(sut, 'yi-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
    });

    function urlOf(probe: Probe): string {
      return volunteeringProbeUrl(membershipProbeUrl(probe.url, membershipIds), volunteeringIds)
        .replace(':person', String(slAPerson))
        .replace(':article', String(slAArticle))
        .replace(':user', String(slAClerk))
        .replace(':mapping', String(slAMapping))
        .replace(':notification', String(slANotification))
        .replace(/:admission|:partycase/, (k) => String(admissionIds[k]));
    }

    async function call(key: string, probe: Probe, session: Session | null, url = urlOf(probe)) {
      const method = key.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const auth = session ? (method === 'GET' ? { cookie: session.cookie } : session.headers) : {};
      if (probe.file) {
        const { payload, headers } = multipartFile(probe.file.name, Buffer.from(probe.file.content));
        return sut.inject({ method, url, headers: { ...auth, ...headers }, payload });
      }
      return sut.inject({ method, url, headers: auth, ...(probe.payload ? { payload: probe.payload } : {}) });
    }

    it('has a permission declared by every /api route, and only the allow-listed ones public', () => {
      const api = registered.filter((r) => r.url.startsWith('/api/') && !/^\/api\/docs(\/|$)/.test(r.url));
      const undeclared = api.filter((r) => permissionOf(r) === undefined).map((r) => `${r.method} ${r.url}`);
      expect(undeclared, 'routes without config.permission').toEqual([]);
      const open = api
        .filter((r) => permissionOf(r) === 'public')
        .flatMap((r) => [r.method].flat().map((m) => `${m} ${r.url}`))
        .filter((k) => !k.startsWith('HEAD '));
      expect(open.sort()).toEqual(['GET /api/health', 'GET /api/ready', 'POST /api/auth/login']);
    });

    it('has test parameters for every registered /api route', () => {
      const routes = apiRoutes(registered);
      expect(routes.length).toBeGreaterThanOrEqual(Object.keys(PROBES).length);
      const unmapped = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !PROBES[k]?.length);
      expect(unmapped, 'routes the scope walk has no probes for: add them to PROBES').toEqual([]);
      const stale = Object.keys(PROBES).filter((k) => !routes.some((r) => `${r.method} ${r.url}` === k));
      expect(stale, 'probes for routes that no longer exist').toEqual([]);
    });

    it("answers SL-B's admin aiming at SL-A with 403 or 404, shows no SL-A data, and changes nothing", async () => {
      // Audit entries and import records are appended for refused imports (every attempt is recorded);
      // every other table must stay exactly as it was.
      const before = await dumpTables(ctx);
      const checksum = await tablesChecksum(ctx, ['orgs', 'people']);
      let refusedImports = 0;
      const failures: string[] = [];
      for (const route of apiRoutes(registered)) {
        const key = `${route.method} ${route.url}`;
        for (const probe of PROBES[key] ?? []) {
          const res = await call(key, probe, countyB);
          const label = `${key} → ${probe.url}: ${res.statusCode}`;
          const ok2xx = res.statusCode >= 200 && res.statusCode < 300;
          // A person or campaign a form names by id or identity number, out of reach, is refused as
          // unknown (422 "…不存在" / "系统中没有…"), word for word as an unknown one.
          const unknownReference = res.statusCode === 422 && /不存在|系统中没有|未在您管理/.test(res.body);
          if (probe.expect === 'denied' && ![403, 404].includes(res.statusCode) && !unknownReference)
            failures.push(`${label} (want 403/404, or 422 naming it unknown)`);
          if (probe.expect === 'own' && !ok2xx) failures.push(`${label} (want 2xx from his own scope)`);
          if (probe.expect === 'refused') {
            refusedImports++;
            const errors = res.statusCode === 422 ? (res.json().error.details?.errors ?? []) : [];
            if (res.statusCode !== 422 || res.json().error.code !== 'IMPORT_REFUSED')
              failures.push(`${label} (want 422 IMPORT_REFUSED)`);
            else if (!errors.every((e: { reason: string }) => /不在您的管理范围内/.test(e.reason)))
              failures.push(`${label}: refused for another reason: ${JSON.stringify(errors)}`);
          }
          if (ok2xx) {
            const text = await textOf(res);
            for (const m of markers) if (m.test(text)) failures.push(`${label} shows SL-A data ${m}`);
          }
          if (res.statusCode >= 500) failures.push(`${label} ${res.body}`);
        }
      }
      expect(failures).toEqual([]);

      const after = await dumpTables(ctx);
      expect(await tablesChecksum(ctx, ['orgs', 'people'])).toBe(checksum);
      for (const table of Object.keys(before)) {
        if (table === 'audit_log' || table === 'imports' || table === 'import_mappings') continue;
        expect(after[table], table).toEqual(before[table]);
      }
      for (const table of ['audit_log', 'imports']) {
        expect(after[table]!.slice(0, before[table]!.length), table).toEqual(before[table]);
      }
      // Header mappings he saves are his own organisation's; SL-A's of the same name stays as it was.
      expect(after.import_mappings!.slice(0, before.import_mappings!.length)).toEqual(before.import_mappings);
      const newMappings = after.import_mappings!.slice(before.import_mappings!.length);
      expect(newMappings.map((m) => m.org_code)).toEqual(['SL-B']);
      const newImports = after.imports!.slice(before.imports!.length);
      expect(newImports).toHaveLength(refusedImports);
      expect(newImports.every((r) => r.status === 'refused' && r.username === 'yi-admin')).toBe(true);
      // The new audit entries: the refused imports and his export of his own subtree, all filed under SL-B.
      const slB = await ctx.db
        .selectFrom('orgs')
        .select('path')
        .where('code', '=', 'SL-B')
        .executeTakeFirstOrThrow();
      const newAudit = after.audit_log!.slice(before.audit_log!.length);
      expect(newAudit.map((r) => r.action).sort()).toEqual(
        [...Array(refusedImports).fill('import'), 'export', 'create'].sort(),
      );
      for (const entry of newAudit) {
        expect(entry).toMatchObject({ username: 'yi-admin' });
        expect(String(entry.org_path)).toMatch(new RegExp(`^${slB.path}`));
      }
    });

    it('answers a record out of reach exactly as a missing one: the same status, code and message', async () => {
      // A 403 for SL-A's record beside a 404 for a missing one tells SL-B which ids exist in SL-A (issue 12).
      // Each denied probe of a route naming a record in its path is sent again with one path parameter
      // swapped for a record that does not exist; the answer must match one of those twins word for word.
      const failures: string[] = [];
      const missing = (value: string) => (/^\d+$/.test(value) ? '987654321' : `${value}-zz9`);
      const signature = (body: string, values: string[]) => {
        let text = body;
        for (const v of [...values].sort((a, b) => b.length - a.length)) text = text.split(v).join('<x>');
        return text;
      };
      for (const route of apiRoutes(registered)) {
        const key = `${route.method} ${route.url}`;
        const segments = route.url.split('/');
        const params = segments.flatMap((p, i) => (p.startsWith(':') && p !== ':kind' ? [i] : []));
        if (params.length === 0) continue;
        for (const probe of PROBES[key] ?? []) {
          if (probe.expect !== 'denied') continue;
          const url = urlOf(probe);
          const [path, query] = url.split('?');
          const parts = path!.split('/');
          const res = await call(key, probe, countyB, url);
          const answers: string[] = [];
          let same = false;
          for (const i of params) {
            const original = decodeURIComponent(parts[i]!);
            const swapped = [...parts];
            swapped[i] = encodeURIComponent(missing(original));
            const twin = await call(
              key,
              probe,
              countyB,
              `${swapped.join('/')}${query === undefined ? '' : `?${query}`}`,
            );
            const answer = (r: { statusCode: number; body: string }) =>
              `${r.statusCode} ${signature(r.body, [original, missing(original)])}`;
            answers.push(answer(twin));
            if (answer(res) === answer(twin)) {
              same = true;
              break;
            }
          }
          // A record the body names (a move's new parent) has no path twin; it must still read as missing.
          const bodyNamedMissing = res.statusCode === 404 && /不存在/.test(res.json().error.message);
          if (!same && !bodyNamedMissing)
            failures.push(
              `${key} → ${url}: ${res.statusCode} ${res.body} but missing: ${answers.join(' | ')}`,
            );
        }
      }
      expect(failures).toEqual([]);
    });

    it('answers 401 to anonymous calls of every route, and changes nothing', async () => {
      const before = await dumpTables(ctx);
      const failures: string[] = [];
      for (const route of apiRoutes(registered)) {
        const key = `${route.method} ${route.url}`;
        for (const probe of PROBES[key] ?? []) {
          const res = await call(key, probe, null);
          if (res.statusCode !== 401) failures.push(`${key} → ${probe.url}: ${res.statusCode}`);
          else expect(res.json().error).toEqual({ code: 'UNAUTHORIZED', message: '请先登录' });
        }
      }
      expect(failures).toEqual([]);
      expect(await dumpTables(ctx)).toEqual(before);
    });

    it('aims every denied read at a real record: the city admin, who reaches both counties, gets it', async () => {
      // Without this a probe aimed at a missing id passes as "denied" even with the scope check gone.
      await buildUser(ctx, { username: 'shi-admin', orgCode: 'SL', roles: ['org_admin'] });
      const city = await login(sut, 'shi-admin', 'correct-horse-battery');
      const failures: string[] = [];
      for (const route of apiRoutes(registered)) {
        const key = `${route.method} ${route.url}`;
        // A young person's own pages name no record of anyone else: nothing there to aim at.
        if (route.method !== 'GET' || /^\/api\/(internships\/(open|my-)|volunteering\/me)/.test(route.url))
          continue;
        for (const probe of PROBES[key] ?? []) {
          if (probe.expect !== 'denied') continue;
          const res = await call(key, probe, city);
          if (res.statusCode < 200 || res.statusCode >= 300)
            failures.push(`${key} → ${probe.url}: ${res.statusCode}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('lets SL-A’s own admin reach the same records (the probes aim at real data)', async () => {
      const jia = await login(sut, 'jia-admin', 'correct-horse-battery');
      for (const url of [
        '/api/orgs/SL-A',
        '/api/orgs/tree?root=SL-A',
        '/api/people?org=SL-A',
        `/api/people/${slAPerson}`,
      ]) {
        const res = await sut.inject({ method: 'GET', url, headers: { cookie: jia.cookie } });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('甲县');
      }
    });

    it('aims every denied write at a real record: the city admin gets past the record and its reach', async () => {
      // Runs last: the city admin's writes change the world. Without this a write probe aimed at a missing id
      // would pass as "denied" even with the scope check gone. The city admin must not get 401, 404 or the
      // reach refusal; a business rule (the branch's own secretary takes that step, a state already left) is
      // fine: it is only reached after the record was found and reached. Most get 2xx.
      const city = await login(sut, 'shi-admin', 'correct-horse-battery');
      const failures: string[] = [];
      let succeeded = 0;
      let total = 0;
      for (const route of apiRoutes(registered)) {
        const key = `${route.method} ${route.url}`;
        if (route.method === 'GET' || /^\/api\/(internships\/my-|volunteering\/me)/.test(route.url)) continue;
        for (const probe of PROBES[key] ?? []) {
          if (probe.expect !== 'denied') continue;
          total++;
          const res = await call(key, probe, city);
          if (res.statusCode >= 200 && res.statusCode < 300) succeeded++;
          const reachRefusal = res.statusCode === 403 && /超出您所在组织的管理范围/.test(res.body);
          if ([401, 404].includes(res.statusCode) || reachRefusal || res.statusCode >= 500)
            failures.push(`${key} → ${probe.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(
        succeeded,
        `${succeeded} of ${total} write probes succeed outright for the city admin`,
      ).toBeGreaterThan(total / 2);
    });
  });
}
