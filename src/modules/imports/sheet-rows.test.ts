import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonalDataCipher } from '../../lib/crypto.ts';
import { makeIdNumber } from '../../lib/id-number.ts';
import { format } from '../people/people.format.ts';
import { type ParsedChunk, parseSheet } from './sheet-rows.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'tuanwu-sheet-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tools = { cipher: createPersonalDataCipher('sheet-rows-test-secret-0123456789') };

/** 1,300 people with a blank line now and then, a bad identity number every 101 rows and an unknown column. */
function file(): string {
  const lines = ['身份证号,姓名,政治面貌,备注'];
  for (let i = 0; i < 1300; i++) {
    if (i % 97 === 50) lines.push(',,,');
    const id = makeIdNumber('110101', `2001-01-${String((i % 28) + 1).padStart(2, '0')}`, Math.floor(i / 28));
    lines.push(`${i % 101 === 7 ? `${id.slice(0, 17)}Y` : id},人员${i},群众,`);
  }
  const target = path.join(dir, 'people.csv');
  writeFileSync(target, `${lines.join('\n')}\n`);
  return target;
}

async function read(target: string): Promise<ParsedChunk[]> {
  const chunks: ParsedChunk[] = [];
  for await (const chunk of parseSheet(format, target, tools)) chunks.push(chunk);
  return chunks;
}

describe('parseSheet', () => {
  const target = file();

  it('gives batches of good rows, every cell problem, the header warning once, and a last chunk', async () => {
    const chunks = await read(target);
    expect(chunks.map((c) => c.rows.length)).toEqual([500, 500, 287]);
    expect(chunks.reduce((n, c) => n + c.read, 0)).toBe(1300);
    expect(chunks.flatMap((c) => c.errors)).toHaveLength(13);
    expect(chunks.flatMap((c) => c.warnings)).toEqual([expect.objectContaining({ row: 1, column: '备注' })]);
    expect(chunks.at(-1)!.last).toEqual({ headerUsable: true });
    const row = chunks[0]!.rows[0]!;
    expect(tools.cipher.decrypt(row.values.id_number_enc as string)).toBe(row.raw.id_number);
    expect(row.values.id_number_hash).toBe(tools.cipher.lookupHash(row.raw.id_number!));
  });
});
