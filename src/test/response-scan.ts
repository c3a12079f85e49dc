import { inflateRawSync } from 'node:zlib';
import type { RouteOptions } from 'fastify';
import { parseIdNumber } from '../lib/id-number.ts';
import type { App } from '../server/app.ts';

/**
 * A scan of responses for personal data that no response may carry (DESIGN.md "Data protection"): a whole
 * identity number, a whole mobile number, or a birth date beside a masked identity number (which fills the
 * mask in). Reusable by any test that walks routes; exports (xlsx, docx, csv) are read as text.
 */

const ID_18 = /(?<![0-9])[0-9]{17}[0-9X](?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;
const MASK = /[0-9]{4}\*{12}[0-9][0-9X]/;
const BIRTH_KEY = /birth/i;

/** The text of every entry of a zip (xlsx, docx), XML tags dropped; enough to search, not to render. */
export function zipText(zip: Buffer): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return '';
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: string[] = [];
  for (let i = 0; i < count && zip.readUInt32LE(at) === 0x02014b50; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    const content = method === 8 ? inflateRawSync(raw) : raw;
    parts.push(content.toString('utf8').replace(/<[^>]+>/g, ' '));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts.join('\n');
}

/** The searchable text of a response body, by its content type. */
export function responseText(body: Buffer, contentType: string): string {
  if (/spreadsheetml|wordprocessingml|zip/.test(contentType)) return zipText(body);
  if (/pdf|image|octet-stream/.test(contentType)) return '';
  return body.toString('utf8');
}

function birthKeysBesideMasks(value: unknown, path: string, found: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) birthKeysBesideMasks(v, `${path}[${i}]`, found);
    return;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const masked = entries.some(([, v]) => typeof v === 'string' && MASK.test(v));
    for (const [k, v] of entries) {
      if (masked && BIRTH_KEY.test(k) && v != null)
        found.push(`${path}.${k} beside a masked identity number`);
      birthKeysBesideMasks(v, `${path}.${k}`, found);
    }
  }
}

/** What in this text no response may hold; empty when it is clean. */
export function personalDataProblems(text: string, examples: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const m of text.match(ID_18) ?? [])
    if (parseIdNumber(m).ok && !examples.has(m)) problems.push(`identity number ${m}`);
  for (const m of text.match(MOBILE) ?? []) if (!examples.has(m)) problems.push(`mobile number ${m}`);
  if (MASK.test(text) && /出生日期/.test(text)) problems.push('出生日期 beside a masked identity number');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      birthKeysBesideMasks(JSON.parse(text), '$', problems);
    } catch {
      // Not JSON after all.
    }
  }
  return problems;
}

/** Collects the app's GET routes as it registers them: pass `collectGetRoutes(list)` as buildApp's onRoute. */
export function collectGetRoutes(into: string[]) {
  return (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('GET') && !into.includes(route.url)) into.push(route.url);
  };
}

export interface ScanOutcome {
  /** Requests made, and how many of them answered 2xx (the rest were refused, or wanted parameters). */
  requests: number;
  answered: number;
  /** Routes whose path parameters could not be filled from a list of the same caller. */
  unfilled: string[];
  problems: string[];
}

function firstRecord(json: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(json)) return json.find((x) => x && typeof x === 'object');
  if (json && typeof json === 'object') {
    for (const v of Object.values(json as Record<string, unknown>)) {
      if (Array.isArray(v) && v.length > 0 && v[0] && typeof v[0] === 'object')
        return v[0] as Record<string, unknown>;
    }
  }
  return undefined;
}

/**
 * Walks every route as one caller (`cookie`, or anonymous) and scans each 2xx answer. A path parameter is filled
 * from the caller's own list one level up (`/api/people/:id` from `/api/people`'s first item), `:code` from his
 * organisation: each caller is scanned on what he can actually reach.
 */
export async function scanRoutes(
  app: App,
  routes: readonly string[],
  caller: { cookie?: string; orgCode?: string },
  /** Values the source declares as examples (an import template's example row): public, not anyone's data. */
  examples: ReadonlySet<string> = new Set(),
): Promise<ScanOutcome> {
  const outcome: ScanOutcome = { requests: 0, answered: 0, unfilled: [], problems: [] };
  const lists = new Map<string, Record<string, unknown> | undefined>();
  const get = async (url: string) => {
    outcome.requests++;
    const res = await app.inject({
      method: 'GET',
      url,
      headers: caller.cookie ? { cookie: caller.cookie } : {},
    });
    if (res.statusCode >= 200 && res.statusCode < 300) outcome.answered++;
    return res;
  };
  const listOf = async (url: string) => {
    if (!lists.has(url)) {
      const res = await get(url);
      let record: Record<string, unknown> | undefined;
      try {
        record = res.statusCode === 200 ? firstRecord(res.json()) : undefined;
      } catch {
        record = undefined;
      }
      lists.set(url, record);
    }
    return lists.get(url);
  };
  for (const route of routes) {
    let url = route.replace(/\/?\*$/, '') || '/';
    const params = [...url.matchAll(/:(\w+)/g)];
    let filled = true;
    for (const [token, name] of params) {
      const at = url.indexOf(token);
      const parent = url.slice(0, at).replace(/\/$/, '');
      const record = await listOf(parent);
      // A person's pages hang under other modules (`/api/membership/people/:id/life`): his id from the people list.
      const person =
        /people$|person$/i.test(parent) || /^person/i.test(name!) ? await listOf('/api/people') : undefined;
      const value =
        name === 'code'
          ? (record?.code ?? caller.orgCode)
          : (record?.[name!] ?? record?.id ?? person?.id ?? person?.personId);
      if (value == null) {
        filled = false;
        break;
      }
      url = url.replace(token, encodeURIComponent(String(value)));
    }
    if (!filled) {
      outcome.unfilled.push(route);
      continue;
    }
    const res = await get(url);
    if (res.statusCode < 200 || res.statusCode >= 300) continue;
    const text = responseText(res.rawPayload, String(res.headers['content-type'] ?? ''));
    for (const p of personalDataProblems(text, examples)) outcome.problems.push(`GET ${url}: ${p}`);
  }
  return outcome;
}
