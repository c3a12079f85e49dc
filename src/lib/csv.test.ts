import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvRecords, MalformedCsvError } from './csv.ts';

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

  it('refuses an unclosed quote and text after a closing quote, naming the record', async () => {
    await expect(records('a,b\n"c,d\n')).rejects.toThrow(new MalformedCsvError('Quote not closed', 2));
    await expect(records('a,b\nx,"c"d\n')).rejects.toThrow(new MalformedCsvError('Invalid closing quote', 2));
  });

  it('yields nothing for an empty text', async () => {
    expect(await records('')).toEqual([]);
  });
});
