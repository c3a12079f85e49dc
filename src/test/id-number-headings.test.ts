import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 17: a person may be on file by 居民身份证, 港澳台居民居住证 or 护照 (src/lib/id-document.ts), so a column,
 * heading or template above his number says 证件号码, not 身份证号. Checked over the source of every export
 * (xlsxOf's `header:`), import template column, indicator column and admin table `title:`; the old names stay
 * readable in import files (header-mapping.ts), which is not a heading.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const HEADING =
  /(?:header|title|label)\s*[:=]\s*\{?\s*['"`][^'"`]*身份证号[^'"`]*['"`]|col\(\s*'[^']+',\s*'[^']*身份证号|personColumn\(\s*'[^']*身份证号/g;

describe('headings above identity numbers', () => {
  it('say 证件号码 wherever any 证件类型 can stand below them', () => {
    const found = [
      ...sourceFiles(path.join(ROOT, 'src/modules')),
      ...sourceFiles(path.join(ROOT, 'admin/src/features')),
    ].flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(HEADING)].map((m) => `${path.relative(ROOT, file)}: ${m[0]}`),
    );
    expect(found, '请把表头改为“证件号码”（人员可能持港澳台居民居住证或护照）').toEqual([]);
  });
});
