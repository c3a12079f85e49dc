import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { IMPORT_KINDS } from '../modules/imports/kinds.ts';
import { buildTestApp, login } from '../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import {
  collectGetRoutes,
  personalDataProblems,
  type ScanOutcome,
  scanRoutes,
} from '../test/response-scan.ts';
import type { App } from './app.ts';

/** Every demo account: each role the demo city has, so every GET is read as each of them. */
const CALLERS = [
  'admin',
  'city_admin',
  'donghu_admin',
  'xiling_admin',
  'branch_sec',
  'city_reviewer',
  'donghu_editor',
  'xiling_editor',
  'volunteer_org',
  'counsellor',
  'dh_supervisor',
  'aid_officer',
  'student',
  'dh_school',
];

/**
 * The example row of the import templates a role may download (each import kind's columns, declared in the
 * source): a format shown to the clerk, not anyone's record. Only these exact values pass; any other number in a
 * template is still a finding.
 */
const EXAMPLES = new Set(IMPORT_KINDS.flatMap((k) => k.columns.map((c) => c.example)).filter(Boolean));

/** Not records: the API's own description and the built admin. */
const SKIPPED = [/^\/api\/docs/, /^\/admin/];

describe('personalDataProblems', () => {
  it('finds whole identity and mobile numbers and a birth date beside a mask, and passes masks', () => {
    expect(personalDataProblems('{"id":"41142420050101001X"}')).toHaveLength(1);
    expect(personalDataProblems('{"phone":"13912344568"}')).toHaveLength(1);
    expect(
      personalDataProblems('{"idNumberMasked":"4114************1X","birthDate":"2005-01-01"}'),
    ).toHaveLength(1);
    expect(
      personalDataProblems('{"idNumberMasked":"4114************1X","age":21,"phoneMasked":"139****4568"}'),
    ).toEqual([]);
    expect(personalDataProblems('{"id":"41142420050101001X"}', new Set(['41142420050101001X']))).toEqual([]);
  });
});

/**
 * DESIGN.md "Data protection", issue 12: no response — list, detail, workflow view or export — carries a whole
 * identity number, a whole mobile number, or a birth date beside a masked number, whoever asks.
 */
for (const dialect of DIALECTS) {
  describe(`no response carries personal data in clear (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    const routes: string[] = [];

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      await seedDemoIfEmpty(ctx, () => {});
      sut = await buildTestApp(ctx, { onRoute: collectGetRoutes(routes) });
      await sut.ready();
    }, 180_000);
    afterAll(async () => {
      await sut?.close();
      await ctx?.dispose();
    });

    it('walks every GET route and export as each demo role and anonymously', {
      timeout: 300_000,
    }, async () => {
      const walked = routes.filter((r) => !SKIPPED.some((s) => s.test(r)));
      expect(walked.length).toBeGreaterThan(100);
      const outcomes: Record<string, ScanOutcome> = {};
      outcomes.anonymous = await scanRoutes(sut, walked, {}, EXAMPLES);
      for (const username of CALLERS) {
        const session = await login(sut, username, DEMO_PASSWORD);
        const me = (
          await sut.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })
        ).json();
        outcomes[username] = await scanRoutes(
          sut,
          walked,
          {
            cookie: session.cookie,
            orgCode: me.user.org.code,
          },
          EXAMPLES,
        );
      }
      const problems = Object.entries(outcomes).flatMap(([who, o]) => o.problems.map((p) => `${who}: ${p}`));
      expect(problems).toEqual([]);
      // The walk reads real records: an admin gets answers from most routes.
      expect(outcomes.donghu_admin!.answered).toBeGreaterThan(walked.length / 2);
    });
  });
}
