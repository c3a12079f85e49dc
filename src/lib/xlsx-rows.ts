import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { centralDirectory } from './xlsx-guard.ts';

/** The start of a worksheet holds its <dimension>; it is never further in than this. */
const HEAD_BYTES = 64 * 1024;

/**
 * The number of rows an xlsx file's first worksheet says it spans (its <dimension ref="A1:K100001">), read from
 * the first bytes of that sheet without inflating the rest: cheap enough to ask before every large import, for the
 * progress estimate only. Null when the file does not say (or is not a well-formed xlsx: reading will tell).
 */
export async function xlsxDimensionRows(path: string): Promise<number | null> {
  try {
    const { entries } = await centralDirectory(path);
    const sheet = entries
      .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))[0];
    if (!sheet) return null;
    const handle = await open(path, 'r');
    let compressed: Buffer;
    try {
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, sheet.localOffset);
      const start = sheet.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      compressed = Buffer.alloc(Math.min(sheet.compressedSize, HEAD_BYTES));
      await handle.read(compressed, 0, compressed.length, start);
    } finally {
      await handle.close();
    }
    const head = sheet.method === 8 ? await inflateHead(compressed) : compressed.toString('utf8');
    const ref = /<dimension\s+ref="[A-Z]+\d+:[A-Z]+(\d+)"/.exec(head);
    return ref ? Number(ref[1]) : null;
  } catch {
    return null;
  }
}

/** Inflates what there is of a cut-off deflate stream (its end is missing by design). */
function inflateHead(compressed: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const inflate = createInflateRaw();
    inflate.on('data', (b: Buffer) => parts.push(b));
    const done = () => resolve(Buffer.concat(parts).toString('utf8'));
    inflate.on('error', done);
    inflate.on('end', done);
    inflate.end(compressed);
  });
}
