import { vi } from 'vitest';

// The unit tier (`npm run test:unit`) must run in seconds without PostgreSQL: a test that needs a database belongs
// in the integration tier, and the file name says so. Modules may still load the drivers; opening one fails.
const refuse = (driver: string) =>
  function refused() {
    throw new Error(
      `单元测试不能打开数据库（${driver}）：需要数据库的测试请命名为 *.integration.test.ts，归入集成测试层`,
    );
  };

vi.mock('better-sqlite3', () => ({ default: vi.fn(refuse('better-sqlite3')) }));
vi.mock('pg', async (importOriginal) => {
  const pg = await importOriginal<typeof import('pg')>();
  const Pool = vi.fn(refuse('pg'));
  const Client = vi.fn(refuse('pg'));
  return { ...pg, default: { ...pg.default, Pool, Client }, Pool, Client };
});
