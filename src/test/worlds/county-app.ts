import type { DialectName } from '../../db/create-db.ts';
import type { Role } from '../../modules/auth/auth.policy.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../app.ts';
import { buildCounty, buildUser } from '../county-factories.ts';
import { createTestContext, type TestContext } from '../db.ts';
import { TEST_PASSWORD } from '../factories.ts';

/** The county SL-A (region 419901) behind a running app, and one user of it signed in. */
export interface CountyApp {
  ctx: TestContext;
  sut: App;
  session: Session;
  /** A POST as the signed-in user. */
  post(url: string, payload: object): Promise<Awaited<ReturnType<App['inject']>>>;
  dispose(): Promise<void>;
}

/**
 * The arrange block the route tests of one county's ledgers share: a database, the app, the county, and the user
 * they act as: `as` made at SL-A with its roles, or the county's own admin (sl-a-admin) when not given.
 */
export async function countyApp(
  dialect: DialectName,
  as?: { username: string; roles: Role[]; orgCode?: string },
): Promise<CountyApp> {
  const ctx = await createTestContext(dialect);
  const sut = await buildTestApp(ctx);
  await buildCounty(ctx);
  if (as) await buildUser(ctx, { orgCode: 'SL-A', ...as });
  const session = await login(sut, as?.username ?? 'sl-a-admin', TEST_PASSWORD);
  return {
    ctx,
    sut,
    session,
    post: (url, payload) => sut.inject({ method: 'POST', url, headers: session.headers, payload }),
    async dispose() {
      await sut.close();
      await ctx.dispose();
    },
  };
}
