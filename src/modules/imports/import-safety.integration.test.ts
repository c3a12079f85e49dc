import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ImportRefusedError, type Problem } from '../../lib/errors.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, login, type Session } from '../../test/app.ts';
import { createTestContext, DIALECTS, type TestContext } from '../../test/db.ts';
import { multipartFile } from '../../test/dump.ts';
import { buildOrg, buildPerson, buildUser } from '../../test/factories.ts';
import { writeCellBombXlsx, writeManyRowsXlsx } from '../../test/hostile-sheets.ts';
import { systemActor } from '../auth/auth.policy.ts';
import { importFile } from './imports.service.ts';

let serial = 0;

/** An identity number never used before in this run (a day of birth for each thousand). */
function freshIdNumber(): string {
  const n = serial++;
  const day = String(1 + Math.floor(n / 1000)).padStart(2, '0');
  return makeIdNumber('419901', `2001-01-${day}`, n % 1000);
}

/** A people file of `n` new 群众. */
function peopleCsv(n: number): string {
  const lines = ['身份证号,姓名,政治面貌'];
  for (let i = 0; i < n; i++) lines.push(`${freshIdNumber()},人员${i},群众`);
  return `${lines.join('\n')}\n`;
}

for (const dialect of DIALECTS) {
  describe(`import safety (${dialect})`, () => {
    let ctx: TestContext;
    let sut: App;
    let dir: string;
    let admin: Session;

    const write = (name: string, content: string | Buffer) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return { path: file, name };
    };
    const count = async (table: 'people' | 'imports' | 'audit_log') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    /** Uploads a file as a-admin; the answer's status and its problems. */
    async function upload(name: string, content: Buffer, kind = 'people') {
      const { payload, headers } = multipartFile(name, content);
      const res = await sut.inject({
        method: 'POST',
        url: `/api/imports/${kind}`,
        headers: { ...admin.headers, ...headers },
        payload,
      });
      const body = res.json() as { error: { message: string; details?: { errors: Problem[] } } };
      return {
        status: res.statusCode,
        length: res.body.length,
        error: body.error,
        errors: body.error?.details?.errors ?? [],
      };
    }

    /** Makes every audit insert fail, as a full disk would after the data was written. */
    async function breakAudit(): Promise<() => Promise<void>> {
      if (dialect === 'sqlite') {
        await sql`create trigger break_audit before insert on audit_log
          begin select raise(abort, 'disk I/O error'); end`.execute(ctx.db);
        return async () => void (await sql`drop trigger break_audit`.execute(ctx.db));
      }
      await sql`create function break_audit() returns trigger as $$
        begin raise exception 'could not extend file'; end $$ language plpgsql`.execute(ctx.db);
      await sql`create trigger break_audit before insert on audit_log
        for each row execute function break_audit()`.execute(ctx.db);
      return async () => {
        await sql`drop trigger break_audit on audit_log`.execute(ctx.db);
        await sql`drop function break_audit()`.execute(ctx.db);
      };
    }

    beforeAll(async () => {
      ctx = await createTestContext(dialect);
      sut = await buildTestApp(ctx);
      dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-import-safety-'));
      await buildOrg(ctx, { code: 'SL', parentCode: null, kind: 'committee', level: 'city' });
      await buildOrg(ctx, { code: 'SL-A', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'a-admin', orgCode: 'SL-A', roles: ['org_admin'] });
      admin = await login(sut, 'a-admin', 'correct-horse-battery');
    });
    afterAll(async () => {
      await sut.close();
      await ctx.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes no data when its record cannot be written: data, imports row and audit entry stand or fall together', async () => {
      const before = { people: await count('people'), imports: await count('imports') };
      const repair = await breakAudit();
      try {
        await expect(
          importFile(ctx, systemActor(), 'people', write('a.csv', peopleCsv(3)), { dryRun: false }),
        ).rejects.toThrow();
        const { payload, headers } = multipartFile('b.csv', Buffer.from(peopleCsv(3)));
        const res = await sut.inject({
          method: 'POST',
          url: '/api/imports/people',
          headers: { ...admin.headers, ...headers },
          payload,
        });
        // The server failed, and said so; but nothing of the import landed.
        expect(res.statusCode).toBe(500);
      } finally {
        await repair();
      }
      expect({ people: await count('people'), imports: await count('imports') }).toEqual(before);
    });

    it('records a taken import in the same transaction: one imports row and one audit entry per attempt', async () => {
      const before = {
        people: await count('people'),
        imports: await count('imports'),
        audit: await count('audit_log'),
      };
      const outcome = await importFile(ctx, systemActor(), 'people', write('c.csv', peopleCsv(4)), {
        dryRun: false,
      });
      expect(outcome).toMatchObject({ inserted: 4 });
      const record = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .where('id', '=', outcome.importId)
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ status: 'imported', inserted: 4, file_name: 'c.csv' });
      expect({
        people: await count('people'),
        imports: await count('imports'),
        audit: await count('audit_log'),
      }).toEqual({
        people: before.people + 4,
        imports: before.imports + 1,
        audit: before.audit + 1,
      });
    });

    it('runs two overlapping imports of one file one after the other: no duplicate-key failure', async () => {
      const file = write('same.csv', peopleCsv(2000));
      const before = await count('people');
      const [first, second] = await Promise.all([
        importFile(ctx, systemActor(), 'people', file, { dryRun: false }),
        importFile(ctx, systemActor(), 'people', file, { dryRun: false }),
      ]);
      expect([first.inserted + second.inserted, first.unchanged + second.unchanged]).toEqual([2000, 2000]);
      expect(await count('people')).toBe(before + 2000);
    });

    it.runIf(dialect === 'postgres')(
      'refuses with 409 另一导入正在进行 when another import of the kind holds the lock past the wait',
      async () => {
        const before = { people: await count('people'), imports: await count('imports') };
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holder = ctx.db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(${0x7475_616e}, hashtext('people'))`.execute(trx);
          locked();
          await held;
        });
        await isLocked;
        try {
          const error = await importFile(ctx, systemActor(), 'people', write('d.csv', peopleCsv(2)), {
            dryRun: false,
            lockWaitMs: 300,
          }).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ConflictError);
          expect((error as ConflictError).message).toBe('另一导入正在进行，请稍后再试');
          expect((error as ConflictError).statusCode).toBe(409);
        } finally {
          release();
          await holder;
        }
        expect({ people: await count('people'), imports: await count('imports') }).toEqual(before);
      },
    );

    it('refuses a CSV whose one record holds 5 MB, naming the row, echoing nothing of it, writing nothing', async () => {
      const before = await count('people');
      const content = Buffer.from(
        `身份证号,姓名,政治面貌\n${freshIdNumber()},"${'长'.repeat(5 * 1024 * 1024)}`,
      );
      const answer = await upload('huge.csv', content);
      expect(answer.status).toBe(422);
      expect(answer.errors).toEqual([
        expect.objectContaining({
          row: 2,
          reason: expect.stringMatching(/^第 2 行有单元格超过 32767 个字符/),
        }),
      ]);
      expect(answer.length).toBeLessThan(2000);
      expect(await count('people')).toBe(before);
    });

    it('lists 1,000 errors at most and says how many more; echoes 100 characters of a value and its length', async () => {
      const lines = ['身份证号,姓名,政治面貌'];
      for (let i = 0; i < 1500; i++) lines.push(`${freshIdNumber()},人员,不是政治面貌`);
      lines.push(`${freshIdNumber()},${'名'.repeat(5000)},群众`);
      const error = (await importFile(ctx, systemActor(), 'people', write('many.csv', lines.join('\n')), {
        dryRun: false,
      }).catch((e: unknown) => e)) as ImportRefusedError;
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect(error.message).toBe('文件未导入：共 1501 处错误');
      const { errors } = error.details;
      expect(errors).toHaveLength(1001);
      expect(errors.at(-1)).toEqual({
        row: null,
        column: null,
        value: null,
        reason: '另有 501 处错误未列出',
      });
      const long = await importFile(
        ctx,
        systemActor(),
        'people',
        write('long.csv', [lines[0], lines.at(-1)].join('\n')),
        {
          dryRun: false,
        },
      ).catch((e: unknown) => e);
      expect((long as ImportRefusedError).details.errors).toEqual([
        expect.objectContaining({ row: 2, column: '姓名', value: `${'名'.repeat(100)}…（共 5000 个字符）` }),
      ]);
      const record = await ctx.db.selectFrom('imports').selectAll().orderBy('id', 'desc').limit(2).execute();
      expect(record[1]).toMatchObject({ status: 'refused', error_count: 1501 });
    });

    it('refuses an xlsx whose one cell inflates to 300 MB, before reading it, in Chinese', async () => {
      const file = path.join(dir, 'bomb.xlsx');
      await writeCellBombXlsx(file, 300 * 1024 * 1024);
      const answer = await upload('bomb.xlsx', readFileSync(file));
      expect(answer.status).toBe(422);
      expect(answer.errors[0]!.reason).toMatch(/^文件中有单元格或内容超长/);
      expect(answer.length).toBeLessThan(2000);
    });

    it('refuses an xlsx of more than 1,000,000 data rows before ExcelJS reads them', async () => {
      const file = path.join(dir, 'rows.xlsx');
      await writeManyRowsXlsx(file, 1_000_001);
      const answer = await upload('rows.xlsx', readFileSync(file));
      expect(answer.status).toBe(422);
      expect(answer.errors).toEqual([
        expect.objectContaining({ row: null, reason: '文件超过 1000000 行数据，请拆分成多个文件后分别导入' }),
      ]);
    });

    it('refuses a NUL or a line break in a cell with a Chinese reason naming row and column (not a 500)', async () => {
      const before = await count('people');
      const content = Buffer.from(
        `身份证号,姓名,政治面貌\n${freshIdNumber()},张\u0000三,群众\n${freshIdNumber()},"李\n四",群众\n`,
      );
      const answer = await upload('nul\u0000.csv', content);
      expect(answer.status).toBe(422);
      expect(answer.errors).toEqual([
        {
          row: 2,
          column: '姓名',
          value: '张\u0000三',
          reason: '含有不可见的控制字符 U+0000，请删除后再导入',
        },
        { row: 3, column: '姓名', value: '李\n四', reason: '不能含有换行或制表符：本列只能填一行文字' },
      ]);
      expect(await count('people')).toBe(before);
      const record = await ctx.db
        .selectFrom('imports')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(record).toMatchObject({ file_name: 'nul.csv', status: 'refused', error_count: 2 });
    });

    it("refuses a ledger row naming another county's person exactly as it refuses an unknown number", async () => {
      await buildOrg(ctx, { code: 'SL-B', parentCode: 'SL', kind: 'committee', level: 'county' });
      await buildUser(ctx, { username: 'b-admin', orgCode: 'SL-B', roles: ['org_admin'] });
      const countyB = await login(sut, 'b-admin', 'correct-horse-battery');
      const minor = await buildPerson(ctx, { orgCode: 'SL-A', birthDate: '2011-05-06' });
      const unknown = freshIdNumber();
      const before = await count('people');
      const cadres = Buffer.from(
        '身份证号,组织编码,职务,任职方式,任职日期\n' +
          `${minor.idNumber},SL-B,委员,兼职,2024-01-01\n` +
          `${unknown},SL-B,委员,兼职,2024-01-01\n`,
      );
      const { payload, headers } = multipartFile('cadres.csv', cadres);
      const res = await sut.inject({
        method: 'POST',
        url: '/api/imports/cadres',
        headers: { ...countyB.headers, ...headers },
        payload,
      });
      expect(res.statusCode).toBe(422);
      const errors = res.json().error.details.errors as Problem[];
      expect(errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [2, '证件号码', '系统中没有该身份证号的人员，或其不在您的管理范围内；请先导入人员信息'],
        [3, '证件号码', '系统中没有该身份证号的人员，或其不在您的管理范围内；请先导入人员信息'],
      ]);
      const rows = await ctx.db.selectFrom('cadre_posts').selectAll().execute();
      expect(rows).toEqual([]);
      expect(await count('people')).toBe(before);
    });

    it("answers /api/health while an import's transaction holds the database", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let opened!: () => void;
      const isOpen = new Promise<void>((resolve) => (opened = resolve));
      const writer = ctx.db.transaction().execute(async (trx) => {
        await trx.selectFrom('imports').select('id').execute();
        opened();
        await held;
      });
      await isOpen;
      try {
        // Health must not wait for the transaction to end: it ends only after health has answered.
        const answer = await Promise.race([
          sut.inject({ method: 'GET', url: '/api/health' }).then((r) => r.statusCode),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
        ]);
        expect(answer).toBe(200);
      } finally {
        release();
        await writer;
      }
    });
  });
}
