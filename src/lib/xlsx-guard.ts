import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { SHEET_LIMITS, type SheetLimits, SheetRefusedError } from './sheet-limits.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MiB = 1024 * 1024;

export interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

const malformed = () =>
  new SheetRefusedError('文件结构异常，无法作为 .xlsx 读取：请用 Excel 或 WPS 重新保存后再导入');

const bomb = (what: string) =>
  new SheetRefusedError(
    `${what}，文件未读取：可能是损坏或特意构造的文件；如确是数据，请拆分成多个文件后分别导入`,
  );

/** The entries of the zip's central directory; zip64 and encrypted archives are not spreadsheets we take. */
export async function centralDirectory(path: string): Promise<{ entries: Entry[]; centralOffset: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw malformed();
    const count = tail.readUInt16LE(at + 10);
    const centralSize = tail.readUInt32LE(at + 12);
    const centralOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || centralOffset === 0xffffffff || centralOffset + centralSize > size)
      throw malformed();
    if (centralSize > 16 * MiB) throw malformed();
    const central = Buffer.alloc(centralSize);
    await handle.read(central, 0, centralSize, centralOffset);
    const entries: Entry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > centralSize || central.readUInt32LE(p) !== CENTRAL) throw malformed();
      const nameLength = central.readUInt16LE(p + 28);
      const entry: Entry = {
        flags: central.readUInt16LE(p + 8),
        method: central.readUInt16LE(p + 10),
        compressedSize: central.readUInt32LE(p + 20),
        localOffset: central.readUInt32LE(p + 42),
        name: central.toString('utf8', p + 46, p + 46 + nameLength),
      };
      if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw malformed();
      if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) throw malformed();
      entries.push(entry);
      p += 46 + nameLength + central.readUInt16LE(p + 30) + central.readUInt16LE(p + 32);
    }
    return { entries, centralOffset };
  } finally {
    await handle.close();
  }
}

/**
 * Where each entry's data starts. The entries must follow one another with nothing between them: the xlsx
 * reader walks the local headers in order, so data hidden outside the directory would escape the checks.
 */
async function dataOffsets(path: string, entries: Entry[], centralOffset: number): Promise<number[]> {
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(30);
    const starts: number[] = [];
    let expected = 0;
    for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
      if (entry.localOffset !== expected) throw malformed();
      const { bytesRead } = await handle.read(header, 0, 30, entry.localOffset);
      if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL) throw malformed();
      const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      starts[entries.indexOf(entry)] = start;
      expected = start + entry.compressedSize;
      if ((entry.flags & 8) !== 0) {
        const { bytesRead: read } = await handle.read(header, 0, 4, expected);
        expected += read === 4 && header.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
      }
    }
    if (expected !== centralOffset) throw malformed();
    return starts;
  } finally {
    await handle.close();
  }
}

const LT = 0x3c;
const ROW_TAG = [Buffer.from('<row '), Buffer.from('<row>')];

/**
 * Inflates every entry of an xlsx file once, keeping nothing, and refuses it when it expands beyond the limits:
 * too many bytes in all, a shared-string table too large to hold, a text or attribute longer than any cell, or
 * a worksheet with more rows than an import takes. ExcelJS would otherwise build the 300 MB string or the two
 * million rows before anyone could say no.
 */
export async function checkXlsx(path: string, limits: SheetLimits = SHEET_LIMITS): Promise<void> {
  const { entries, centralOffset } = await centralDirectory(path);
  const starts = await dataOffsets(path, entries, centralOffset);
  let total = 0;
  for (const [i, entry] of entries.entries()) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const sharedStrings = entry.name === 'xl/sharedStrings.xml';
    let entryBytes = 0;
    let run = 0;
    let rows = 0;
    let carry = Buffer.alloc(0);
    if (entry.compressedSize === 0) continue;
    const raw = createReadStream(path, { start: starts[i]!, end: starts[i]! + entry.compressedSize - 1 });
    const body = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        total += chunk.length;
        entryBytes += chunk.length;
        if (total > limits.maxInflatedBytes) {
          throw bomb(`文件解压后超过 ${Math.round(limits.maxInflatedBytes / MiB)} MB`);
        }
        if (sharedStrings && entryBytes > limits.maxSharedStringsBytes) {
          throw bomb(
            `文件中的文字（共享字符串表）解压后超过 ${Math.round(limits.maxSharedStringsBytes / MiB)} MB`,
          );
        }
        const lastTag = chunk.lastIndexOf(LT);
        if (lastTag < 0) run += chunk.length;
        else if (run + chunk.indexOf(LT) > limits.maxXmlRunBytes) run = Number.POSITIVE_INFINITY;
        // A stretch inside one chunk can only be too long when the chunk itself is (inflate gives 16 KiB).
        else if (chunk.length > limits.maxXmlRunBytes) run = longestRun(chunk);
        else run = chunk.length - lastTag - 1;
        if (run > limits.maxXmlRunBytes) {
          throw bomb(
            `文件中有单元格或内容超长（解压后连续超过 ${Math.round(limits.maxXmlRunBytes / 1024)} KB）`,
          );
        }
        if (sheet) {
          const text = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
          for (const tag of ROW_TAG) {
            for (let at = text.indexOf(tag); at >= 0; at = text.indexOf(tag, at + tag.length)) rows++;
          }
          carry = Buffer.from(text.subarray(Math.max(0, text.length - 4)));
          // The header row is not data.
          if (rows - 1 > limits.maxRows) {
            throw new SheetRefusedError(`文件超过 ${limits.maxRows} 行数据，请拆分成多个文件后分别导入`);
          }
        }
      }
    } catch (error) {
      raw.destroy();
      if (error instanceof SheetRefusedError) throw error;
      throw malformed();
    }
  }
}

/** The longest stretch of a chunk without a tag (the stretch open at its end included). */
function longestRun(chunk: Buffer): number {
  let longest = 0;
  let from = 0;
  for (let at = chunk.indexOf(LT); at >= 0; at = chunk.indexOf(LT, at + 1)) {
    longest = Math.max(longest, at - from);
    from = at + 1;
  }
  return Math.max(longest, chunk.length - from);
}
