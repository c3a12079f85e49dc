import { writeFileSync } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * Spreadsheets built to hurt the importer — zip bombs, endless sheets — made on the fly by the tests and the
 * import-limits bench instead of being committed: a few hundred kilobytes on disk, hundreds of megabytes inflated.
 */

interface ZipEntry {
  name: string;
  /** The entry's content, in pieces, so a 300 MB entry never sits in memory whole. */
  parts: () => Iterable<Buffer | string>;
}

async function deflate(parts: Iterable<Buffer | string>) {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve, reject) => deflater.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    const buffer = typeof part === 'string' ? Buffer.from(part) : part;
    crc = crc32(buffer, crc);
    size += buffer.length;
    if (!deflater.write(buffer)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** A zip file of deflated entries, written whole. */
export async function writeZip(path: string, entries: ZipEntry[]): Promise<void> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { data, crc, size } = await deflate(entry.parts());
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_END = '</sheetData></worksheet>';

/** An xlsx of one worksheet whose rows come from `rows` (the XML of each `<row>`). */
export function writeXlsx(path: string, rows: () => Iterable<string | Buffer>): Promise<void> {
  return writeZip(path, [
    { name: '[Content_Types].xml', parts: () => [CONTENT_TYPES] },
    { name: '_rels/.rels', parts: () => [ROOT_RELS] },
    { name: 'xl/workbook.xml', parts: () => [WORKBOOK] },
    { name: 'xl/_rels/workbook.xml.rels', parts: () => [WORKBOOK_RELS] },
    {
      name: 'xl/worksheets/sheet1.xml',
      parts: function* () {
        yield SHEET_START;
        yield* rows();
        yield SHEET_END;
      },
    },
  ]);
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A people header, then one row whose 姓名 cell holds `bytes` letters: a few hundred KB that inflate to it all. */
export function writeCellBombXlsx(path: string, bytes: number): Promise<void> {
  return writeXlsx(path, function* () {
    yield `<row r="1">${cell('A1', '身份证号')}${cell('B1', '姓名')}${cell('C1', '政治面貌')}</row>`;
    yield '<row r="2"><c r="A2" t="inlineStr"><is><t>419901200101010011</t></is></c><c r="B2" t="inlineStr"><is><t>';
    const block = Buffer.alloc(1 << 20, 'a');
    for (let left = bytes; left > 0; left -= block.length)
      yield left >= block.length ? block : block.subarray(0, left);
    yield `</t></is></c>${cell('C2', '群众')}</row>`;
  });
}

/** A people header and `rows` rows of one short cell each. */
export function writeManyRowsXlsx(path: string, rows: number): Promise<void> {
  return writeXlsx(path, function* () {
    yield `<row r="1">${cell('A1', '身份证号')}${cell('B1', '姓名')}${cell('C1', '政治面貌')}</row>`;
    let batch: string[] = [];
    for (let r = 2; r <= rows + 1; r++) {
      batch.push(`<row r="${r}"><c r="B${r}" t="inlineStr"><is><t>x</t></is></c></row>`);
      if (batch.length === 10_000) {
        yield batch.join('');
        batch = [];
      }
    }
    yield batch.join('');
  });
}
