import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openContext } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { createTestContext, DIALECTS, type TestContext } from '../test/db.ts';
import { KeyMismatchError } from './key-check.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-key-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

for (const dialect of DIALECTS) {
  describe(`the data key is checked at start-up (defect 5, ${dialect})`, () => {
    async function databaseUrl(dataDir: string): Promise<string> {
      if (dialect === 'sqlite') return `sqlite:${path.join(dataDir, 'tuanwu.db')}`;
      const owner: TestContext = await createTestContext('postgres');
      cleanups.push(() => owner.dispose());
      return owner.config.databaseUrl;
    }

    it('a database started with one key refuses another, and no key file is written', async () => {
      const first = folder();
      const url = await databaseUrl(first);
      const ctx = await openContext(loadConfig({ TUANWU_DATA_DIR: first, TUANWU_DB: url }));
      await ctx.db.destroy();
      expect(existsSync(path.join(first, 'secret.key'))).toBe(true);

      const second = folder();
      const error = await openContext(loadConfig({ TUANWU_DATA_DIR: second, TUANWU_DB: url })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeyMismatchError);
      expect((error as Error).message).toContain(`数据文件夹中没有密钥文件 ${second}/secret.key`);
      expect(existsSync(path.join(second, 'secret.key'))).toBe(false);

      const wrong = await openContext(
        loadConfig({
          TUANWU_DATA_DIR: second,
          TUANWU_DB: url,
          TUANWU_SECRET: 'not-the-key-of-this-database',
        }),
      ).catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(KeyMismatchError);
      expect((wrong as Error).message).toContain('TUANWU_SECRET');

      const again = await openContext(loadConfig({ TUANWU_DATA_DIR: first, TUANWU_DB: url }));
      await again.db.destroy();
    });
  });
}
