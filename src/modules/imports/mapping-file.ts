import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../lib/errors.ts';
import type { HeaderMapping } from './header-mapping.ts';

/** Entries a mapping may hold: more than any sheet's columns we read. */
const MAX_ENTRIES = 1_000;
const MAX_NAME_CHARS = 200;

/**
 * A mapping as given from outside (a JSON file, a request): an object from the file's header text to our column
 * header, or to null (or "") to ignore that column. Anything else is refused with the reason.
 */
export function parseMapping(value: unknown): HeaderMapping {
  const refuse = (reason: string) => new ValidationError(`对应关系无效：${reason}`);
  if (value == null || typeof value !== 'object' || Array.isArray(value))
    throw refuse('应为一个对象，如 {"公民身份号码": "证件号码"}');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_ENTRIES) throw refuse(`最多 ${MAX_ENTRIES} 项`);
  const mapping: Record<string, string | null> = {};
  for (const [from, to] of entries) {
    if (from.trim() === '' || from.length > MAX_NAME_CHARS)
      throw refuse(`表头「${from.slice(0, 50)}」为空或过长`);
    if (to != null && typeof to !== 'string') throw refuse(`「${from}」应对应到一个列名（文字）`);
    if (typeof to === 'string' && to.length > MAX_NAME_CHARS) throw refuse(`「${from}」对应的列名过长`);
    mapping[from] = to == null || to.trim() === '' ? null : to.trim();
  }
  return mapping;
}

/** Reads `--map <file.json>`. */
export async function readMappingFile(path: string): Promise<HeaderMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ValidationError(`找不到对应关系文件「${path}」`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ValidationError(`对应关系文件「${path}」不是有效的 JSON`);
  }
  return parseMapping(json);
}
