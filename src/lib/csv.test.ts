import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, MalformedCsvError } from './csv.ts';
import { SHEET_LIMITS, SheetRefusedError } from './sheet-limits.ts';

async function* chunked(text: string, ...cuts: number[]): AsyncGenerator<string> {
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    yield text.slice(from, cut);
    from = cut;
  }
}

async function records(text: string, ...cuts: number[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of csvRecords(chunked(text, ...cuts))) out.push(...batch);
  return out;
}

const TRICKY =
  '身份证号,姓名,备注\r\n' +
  '41142420050101001X,"张,三","他说""好""\n第二行"\r\n' +
  '\n' +
  '411424200501010029,李四,ab"c\r' +
  '"",,\n' +
  '"最后一行",无换行';

describe('csvRecords', () => {
  it('splits quoted commas, doubled quotes, line breaks inside quotes, CRLF / LF / CR and empty lines', async () => {
    expect(await records(TRICKY)).toEqual([
      ['身份证号', '姓名', '备注'],
      ['41142420050101001X', '张,三', '他说"好"\n第二行'],
      [''],
      ['411424200501010029', '李四', 'ab"c'],
      ['', '', ''],
      ['最后一行', '无换行'],
    ]);
  });

  it('gives the same records however the text is cut into chunks', async () => {
    const whole = await records(TRICKY);
    for (let cut = 0; cut <= TRICKY.length; cut++) {
      expect(await records(TRICKY, cut), `cut at ${cut}`).toEqual(whole);
    }
    for (let a = 0; a <= TRICKY.length; a += 3) {
      for (let b = a; b <= TRICKY.length; b += 5) expect(await records(TRICKY, a, b)).toEqual(whole);
    }
  });

  it('agrees with csv-parse on the same text', async () => {
    // csv-parse takes the first line end it meets as the only one, and refuses a quote inside a field.
    const text = TRICKY.replaceAll('ab"c\r', 'abc\r\n').replaceAll(/(?<!\r)\n(?!第)/g, '\r\n');
    expect(await records(text)).toEqual(parse(text, { relax_column_count: true, skip_empty_lines: false }));
  });

  it('drops a byte order mark before the first header and keeps a trailing comma as an empty field', async () => {
    expect(await records('\uFEFF姓名,电话,\n张三,138,\n', 2)).toEqual([
      ['姓名', '电话', ''],
      ['张三', '138', ''],
    ]);
    expect(await records('a,')).toEqual([['a', '']]);
  });

  it('refuses an unclosed quote naming the row where its record started and the cause', async () => {
    const error = await records('a,b\n1,2\n"c,d\ne,f\ng,h\n', 5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedCsvError);
    expect(error).toMatchObject({ row: 3 });
    expect((error as Error).message).toMatch(/^第 3 行开始的单元格以英文双引号开头.*引号未闭合/);
  });

  it('refuses text after a closing quote, naming the row', async () => {
    const error = await records('a,b\nx,"c"d\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedCsvError);
    expect(error).toMatchObject({ row: 2 });
    expect((error as Error).message).toMatch(/^第 2 行：.*结束引号后还有其他字符/);
  });

  it('yields nothing for an empty text', async () => {
    expect(await records('')).toEqual([]);
  });
});

describe('csvRecords limits', () => {
  const small = { ...SHEET_LIMITS, maxFieldChars: 100, maxRecordChars: 250, maxColumns: 5 };
  async function refusal(text: string, chunkSize = 7): Promise<SheetRefusedError> {
    async function* pieces() {
      for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
    }
    try {
      for await (const _ of csvRecords(pieces(), small)) {
        // read to the end
      }
    } catch (error) {
      if (error instanceof SheetRefusedError) return error;
      throw error;
    }
    throw new Error('the text was read, but should have been refused');
  }

  it('refuses a cell over the cap, quoted or not, naming its row', async () => {
    const quoted = await refusal(`a,b\n1,2\nx,"${'y'.repeat(101)}"\n`);
    expect(quoted).toMatchObject({ row: 3 });
    expect(quoted.message).toMatch(/^第 3 行有单元格超过 100 个字符/);
    expect(await refusal(`a\n${'z'.repeat(101)}\n`)).toMatchObject({ row: 2 });
  });

  it('refuses a record over the cap, though each of its cells is within it', async () => {
    const error = await refusal(`a,b,c\n${'x'.repeat(90)},${'x'.repeat(90)},${'x'.repeat(90)}\n`);
    expect(error).toMatchObject({ row: 2 });
    expect(error.message).toMatch(/^第 2 行超过 250 个字符/);
  });

  it('refuses a row with more columns than the cap', async () => {
    const error = await refusal('a,b\n1,2,3,4,5,6\n');
    expect(error).toMatchObject({ row: 2 });
    expect(error.message).toMatch(/^第 2 行超过 5 列/);
  });

  it('reads a file that stays within every cap', async () => {
    const text = `a,b\n"${'y'.repeat(100)}",${'z'.repeat(100)}\n`;
    const out: string[][] = [];
    for await (const batch of csvRecords(chunked(text), small)) out.push(...batch);
    expect(out[1]!.map((f) => f.length)).toEqual([100, 100]);
  });
});
