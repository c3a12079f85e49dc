import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { DialectName } from '../../db/create-db.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, requestsAs, type Session } from '../app.ts';
import { createTestContext, type TestContext } from '../db.ts';
import { buildOrg, buildRegion, buildUser } from '../factories.ts';

/**
 * Two counties under one city: 甲县 (SL-A) with two branches, 乙县 (SL-B) with one, and a third county
 * (SL-C) that takes part in nothing. One org admin in each county, a secretary in 甲县's first branch.
 */
export interface World {
  ctx: TestContext;
  sut: App;
  jia: Session;
  yi: Session;
  bing: Session;
  secretary: Session;
  get(session: Session, url: string): Promise<LightMyRequestResponse>;
  post(session: Session, url: string, payload?: object): Promise<LightMyRequestResponse>;
  put(session: Session, url: string, payload?: object): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function buildWorld(dialect: DialectName): Promise<World> {
  const ctx = await createTestContext(dialect);
  const sut = await buildTestApp(ctx);
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
  await buildOrg(ctx, { code: 'SL-A-B1', name: '甲县一村团支部', parentCode: 'SL-A' });
  await buildOrg(ctx, { code: 'SL-A-B2', name: '甲县二村团支部', parentCode: 'SL-A' });
  await buildOrg(ctx, {
    code: 'SL-B',
    name: '乙县团委',
    parentCode: 'SL',
    kind: 'committee',
    level: 'county',
    regionCode: '419902',
  });
  await buildOrg(ctx, { code: 'SL-B-B1', name: '乙县机关团支部', parentCode: 'SL-B', regionCode: '419902' });
  await buildOrg(ctx, {
    code: 'SL-C',
    name: '丙县团委',
    parentCode: 'SL',
    kind: 'committee',
    level: 'county',
  });
  await buildUser(ctx, { username: 'jia', orgCode: 'SL-A' });
  await buildUser(ctx, { username: 'yi', orgCode: 'SL-B' });
  await buildUser(ctx, { username: 'bing', orgCode: 'SL-C' });
  await buildUser(ctx, { username: 'sec', orgCode: 'SL-A-B1', roles: ['branch_secretary'] });
  const pw = 'correct-horse-battery';
  const [jia, yi, bing, secretary] = await Promise.all(
    ['jia', 'yi', 'bing', 'sec'].map((u) => login(sut, u, pw)),
  );
  return {
    ctx,
    sut,
    jia: jia!,
    yi: yi!,
    bing: bing!,
    secretary: secretary!,
    ...requestsAs(sut),
    async close() {
      await sut.close();
      await ctx.dispose();
    },
  };
}

/**
 * buildWorld before the calling describe's tests and close after them: registers that beforeAll and afterAll,
 * first, so a describe's own beforeAll may build on the world. The world's fields are filled in by that
 * beforeAll, so read them inside hooks and tests only.
 */
export function useMembershipWorld(dialect: DialectName): World {
  const w = {} as World;
  beforeAll(async () => {
    Object.assign(w, await buildWorld(dialect));
  });
  afterAll(async () => w.close?.());
  return w;
}
