import type { Db } from '../../db/create-db.ts';
import { nowIso } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import { type IdDocument, maskIdDocument } from '../../lib/id-document.ts';
import { reaches } from '../auth/auth.policy.ts';
import { findOrgByCode, findOrgsByCodes, type OrgRow } from '../orgs/orgs.service.ts';
import { findPeopleByHashes, type PersonRow } from '../people/people.service.ts';
import { findRegionByCode, findRegionsByCodes, type RegionRow } from '../regions/regions.service.ts';
import type { Column } from './columns.ts';
import type { ImportKind, ImportSession, LedgerDependent, ParsedRow } from './import-kind.ts';
import type { ImportPermission } from './imports.policy.ts';
import {
  findByCode,
  findByCodes,
  findByKeys,
  findByNaturalKey,
  insertLedgerRows,
  type LedgerRecord,
  moveDependentRows,
  type StoredLedgerRecord,
  updateLedgerRows,
} from './ledger.repository.ts';

/** References kept at most; past it the cache starts afresh (a batch's own are fetched again before it is read). */
const MAX_CACHED = 50_000;

/**
 * Resolves the codes and identity numbers a row points at (IMPORT-SPEC.md "references"), reporting
 * what does not exist or lies outside the importer's subtree. `prefetch` fetches a batch's references in one
 * query per kind of reference, from the columns that declare one; the per-row methods then read the cache.
 */
export class References {
  private readonly orgs = new Map<string, OrgRow | null>();
  private readonly people = new Map<string, PersonRow | null>();
  private readonly regions = new Map<string, RegionRow | null>();
  private readonly coded = new Map<string, StoredLedgerRecord | null>();
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(private readonly session: ImportSession) {}

  get db(): Db {
    return this.session.db;
  }

  private hashOf(id: IdDocument): string {
    return this.session.ctx.cipher.lookupHash(id.idNumber);
  }

  /** Fetches what the rows' reference columns name and the cache does not hold yet. */
  async prefetch(rows: ParsedRow[], columns: Column[]): Promise<void> {
    const wanted = { org: new Set<string>(), person: new Set<string>(), region: new Set<string>() };
    const coded = new Map<LedgerTableName, Set<string>>();
    for (const column of columns) {
      const reference = column.reference;
      if (!reference) continue;
      for (const row of rows) {
        const value = row.values[column.key];
        if (value == null) continue;
        if (reference === 'person') {
          const hash = this.hashOf(value as IdDocument);
          if (!this.people.has(hash)) wanted.person.add(hash);
        } else if (reference === 'org') {
          if (!this.orgs.has(value as string)) wanted.org.add(value as string);
        } else if (reference === 'region') {
          if (!this.regions.has(value as string)) wanted.region.add(value as string);
        } else if (!this.coded.has(`${reference.ledger}:${value}`)) {
          const codes = coded.get(reference.ledger) ?? new Set<string>();
          codes.add(value as string);
          coded.set(reference.ledger, codes);
        }
      }
    }
    if (this.people.size + wanted.person.size > MAX_CACHED) this.people.clear();
    if (wanted.org.size > 0) {
      const codes = [...wanted.org];
      for (const c of codes) this.orgs.set(c, null);
      for (const o of await findOrgsByCodes(this.db, codes)) this.orgs.set(o.code, o);
    }
    if (wanted.person.size > 0) {
      const hashes = [...wanted.person];
      for (const h of hashes) this.people.set(h, null);
      for (const p of await findPeopleByHashes(this.db, hashes)) this.people.set(p.id_number_hash, p);
    }
    if (wanted.region.size > 0) {
      const codes = [...wanted.region];
      for (const c of codes) this.regions.set(c, null);
      for (const r of await findRegionsByCodes(this.db, codes)) this.regions.set(r.code, r);
    }
    for (const [table, codes] of coded) {
      for (const c of codes) this.coded.set(`${table}:${c}`, null);
      for (const r of await findByCodes(this.db, table, [...codes])) this.coded.set(`${table}:${r.code}`, r);
    }
  }

  /** The org in column `key`, which the importer must reach. */
  async org(row: ParsedRow, key: string): Promise<OrgRow | null> {
    const code = row.values[key] as string;
    if (!this.orgs.has(code)) this.orgs.set(code, (await findOrgByCode(this.db, code)) ?? null);
    const org = this.orgs.get(code)!;
    if (org && reaches(this.session.actor, org.path)) return org;
    this.session.error(row, key, `组织 ${code} 不存在或不在您的管理范围内`);
    return null;
  }

  /**
   * The person with the document number in column `key` (any 证件类型): imported before, and within the
   * importer's reach.
   */
  async person(row: ParsedRow, key: string): Promise<PersonRow | null> {
    const id = row.values[key] as IdDocument;
    const hash = this.hashOf(id);
    if (!this.people.has(hash)) this.people.set(hash, (await findPeopleByHashes(this.db, [hash]))[0] ?? null);
    const person = this.people.get(hash)!;
    // The same rule as the API (a person is reached through his scope), and the same words whether the
    // number is unknown or another county's: an import is no oracle of who is registered where.
    if (person && reaches(this.session.actor, person.scope_path)) return person;
    this.session.error(row, key, notOnFile(id), maskIdDocument(id.idType, id.idNumber));
    return null;
  }

  async region(row: ParsedRow, key: string): Promise<RegionRow | null> {
    const code = row.values[key] as string;
    if (!this.regions.has(code)) this.regions.set(code, (await findRegionByCode(this.db, code)) ?? null);
    const region = this.regions.get(code)!;
    if (!region) this.session.error(row, key, `行政区划 ${code} 不存在`);
    return region;
  }

  /** A ledger record by its code (a school, class, activity, post), which the importer must reach. */
  async byCode(row: ParsedRow, key: string, table: LedgerTableName, what: string) {
    const code = row.values[key] as string;
    const cacheKey = `${table}:${code}`;
    if (!this.coded.has(cacheKey)) this.coded.set(cacheKey, (await findByCode(this.db, table, code)) ?? null);
    const found = this.coded.get(cacheKey)!;
    if (found && reaches(this.session.actor, found.org_path)) return found;
    this.session.error(row, key, `${what} ${code} 不存在或不在您的管理范围内`);
    return null;
  }

  /**
   * What `load` gives for `key`, asked once per import: lookups a kind makes beyond its references (a region's
   * parent, whether a person is a counsellor), which repeat across rows.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let found = this.memos.get(key) as Promise<T> | undefined;
    if (!found) {
      if (this.memos.size >= MAX_CACHED) this.memos.clear();
      found = load();
      this.memos.set(key, found);
    }
    return found;
  }

  /** Forget a code after its record was written, so later rows see the new version. */
  forget(table: LedgerTableName, code: string): void {
    this.coded.delete(`${table}:${code}`);
  }
}

/** Why a document number names no one the importer reaches, in the words of its 证件类型. */
function notOnFile(id: IdDocument): string {
  const outOfReach = '，或其不在您的管理范围内；请先导入人员信息';
  if (id.idType !== 'passport') return `系统中没有该身份证号的人员${outOfReach}`;
  // All digits and nearly 18 long: most likely a 身份证号 that lost or missed digits, not a passport.
  if (/^\d{15,17}$/.test(id.idNumber))
    return `身份证号应为18位（本格只有${id.idNumber.length}位）；系统中也没有以此为护照号码的人员`;
  return `系统中没有该护照号码的人员${outOfReach}`;
}

/** The fields of a ledger row; `org_id` and `org_path` are required, timestamps are added here. */
export type LedgerValues = LedgerRecord & { org_id: number; org_path: string };

export interface LedgerImportSpec {
  kind: string;
  label: string;
  /** The permission a caller needs to write these rows (imports.policy.ts): the one its routes' writes ask. */
  permission: ImportPermission;
  table: LedgerTableName;
  columns: Column[];
  /** The table columns that make the natural key (IMPORT-SPEC.md **key**). */
  naturalKey: string[];
  /**
   * The ledgers whose rows take their organisation from this one's records (a volunteer record from its
   * activity): when an import moves a record to another organisation, its dependents' org_id and org_path follow,
   * or they would stay in the old organisation's reach.
   */
  dependents?: LedgerDependent[];
  /** Reads one row into the values to store; null once it has reported an error. */
  toValues(row: ParsedRow, refs: References, session: ImportSession): Promise<LedgerValues | null>;
  /**
   * The league's rules that history may break, reported as warnings (IMPORT-SPEC.md "history"); runs just before
   * the row is compared and written, with the record as it stands then (stored, or written by an earlier row).
   */
  warn?(
    row: ParsedRow,
    values: LedgerValues,
    refs: References,
    session: ImportSession,
    current: LedgerRecord | undefined,
  ): Promise<void> | void;
  /**
   * After each batch is written, in its transaction: the records inserted and those updated (as stored before and
   * as written), for what a kind derives from its rows (volunteer records' previous dates).
   */
  written?(session: ImportSession, records: WrittenRecord[]): Promise<void>;
  finish?(refs: References, session: ImportSession): Promise<void>;
}

/** A record a batch wrote: `stored` is undefined when it was inserted. */
export interface WrittenRecord {
  stored: StoredLedgerRecord | undefined;
  current: LedgerRecord;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'number' && a === b);
}

/** A natural key's record within one batch: as stored, and as the batch's rows leave it. */
interface KeyedRecord {
  stored: StoredLedgerRecord | undefined;
  /** The record as the rows so far leave it; undefined while nothing is stored or written. */
  current: LedgerRecord | undefined;
  /** The columns the batch's updates set, for a stored record. */
  changes: LedgerRecord | null;
}

/**
 * The stored records of the batch's natural keys, by key text: those without a null part in one query a chunk,
 * the rare others one by one (a null matches only through `is null`).
 */
async function storedRecords(
  session: ImportSession,
  table: LedgerTableName,
  naturalKey: string[],
  keys: Map<string, LedgerRecord>,
): Promise<Map<string, StoredLedgerRecord>> {
  const found = new Map<string, StoredLedgerRecord>();
  const whole: (string | number)[][] = [];
  for (const [text, key] of keys) {
    const parts = naturalKey.map((k) => key[k] ?? null);
    if (parts.every((p) => p !== null)) whole.push(parts as (string | number)[]);
    else {
      const stored = await findByNaturalKey(session.db, table, key);
      if (stored) found.set(text, stored);
    }
  }
  for (const stored of await findByKeys(session.db, table, naturalKey, whole)) {
    const text = keyText(naturalKey.map((k) => stored[k] ?? null));
    if (!found.has(text)) found.set(text, stored);
  }
  return found;
}

const keyText = (parts: unknown[]) => JSON.stringify(parts);

/**
 * An import kind for a ledger: references resolved, scope checked, upsert by natural key, unchanged rows left
 * alone. Each batch takes a few statements whatever its length: its references and its stored records are
 * fetched in one query each, then its new records inserted and its changed ones updated in bulk. Rows are still
 * judged one by one in file order, as if each were written before the next is read: a key written twice in a
 * file is inserted once and updated by the later row, exactly as row-by-row writing left it.
 */
export function defineLedgerImport(spec: LedgerImportSpec): ImportKind {
  const keyHeaders = spec.columns
    .filter((c) => c.naturalKey)
    .map((c) => c.header)
    .join('、');
  return {
    kind: spec.kind,
    label: spec.label,
    permission: spec.permission,
    columns: spec.columns,
    ledger: { table: spec.table, dependents: spec.dependents ?? [] },
    batchSize: 500,
    open(session) {
      const refs = new References(session);
      // Where each natural key was last written in this file: a clerk's double entry is worth a word.
      const rowOfKey = new Map<string, number>();
      return {
        async writeBatch(rows) {
          await refs.prefetch(rows, spec.columns);
          const read: { row: ParsedRow; values: LedgerValues; key: string }[] = [];
          const keys = new Map<string, LedgerRecord>();
          for (const row of rows) {
            const values = await spec.toValues(row, refs, session);
            if (!values) continue;
            const key = Object.fromEntries(spec.naturalKey.map((k) => [k, values[k] ?? null]));
            const text = keyText(Object.values(key));
            keys.set(text, key);
            read.push({ row, values, key: text });
          }
          const stored = await storedRecords(session, spec.table, spec.naturalKey, keys);
          const records = new Map<string, KeyedRecord>();
          for (const { row, values, key } of read) {
            let record = records.get(key);
            if (!record) {
              const found = stored.get(key);
              record = { stored: found, current: found ? { ...found } : undefined, changes: null };
              records.set(key, record);
            }
            await spec.warn?.(row, values, refs, session, record.current);
            const earlier = rowOfKey.get(key);
            if (earlier)
              session.warning(
                row,
                null,
                `与第 ${earlier} 行是同一条记录（${keyHeaders}相同），以本行为准`,
                null,
              );
            rowOfKey.set(key, row.rowNumber);
            const current = record.current;
            if (current && !reaches(session.actor, current.org_path as string)) {
              session.error(row, null, '该记录属于其他组织，不在您的管理范围内', null);
              continue;
            }
            if (!current) {
              record.current = { ...values };
              session.counted('inserted');
            } else if (Object.entries(values).every(([k, v]) => sameValue(current[k], v))) {
              session.counted('unchanged');
            } else {
              Object.assign(current, values);
              if (record.stored) record.changes = { ...record.changes, ...values };
              session.counted('updated');
            }
          }
          await writeRecords(session.db, spec.table, records);
          if (spec.dependents) await moveDependents(session.db, spec.dependents, records);
          if (spec.written) {
            const written = [...records.values()].filter((r) => r.current && (!r.stored || r.changes));
            await spec.written(
              session,
              written.map((r) => ({ stored: r.stored, current: r.current! })),
            );
          }
          for (const { values } of read) {
            if (typeof values.code === 'string') refs.forget(spec.table, values.code);
          }
        },
        finish: spec.finish ? () => spec.finish!(refs, session) : undefined,
      };
    },
  };
}

/** The dependents of the batch's records that moved to another organisation follow them, by destination. */
async function moveDependents(db: Db, dependents: LedgerDependent[], records: Map<string, KeyedRecord>) {
  const byOrg = new Map<number, { org: { org_id: number; org_path: string }; ids: number[] }>();
  for (const { stored, current } of records.values()) {
    if (!stored || !current || sameValue(stored.org_id, current.org_id)) continue;
    const org = { org_id: current.org_id as number, org_path: current.org_path as string };
    const moved = byOrg.get(org.org_id) ?? { org, ids: [] };
    moved.ids.push(stored.id);
    byOrg.set(org.org_id, moved);
  }
  for (const { table, foreignKey } of dependents)
    for (const { org, ids } of byOrg.values()) await moveDependentRows(db, table, foreignKey, ids, org);
}

/** The batch's new records inserted and its changed ones updated, a statement per set of columns. */
async function writeRecords(db: Db, table: LedgerTableName, records: Map<string, KeyedRecord>) {
  const now = nowIso();
  const inserts = new Map<string, LedgerRecord[]>();
  const updates = new Map<string, (LedgerRecord & { id: number })[]>();
  for (const { stored, current, changes } of records.values()) {
    if (!stored && current) {
      const row = { ...current, created_at: now, updated_at: now };
      const columns = Object.keys(row).join(',');
      const same = inserts.get(columns);
      if (same) same.push(row);
      else inserts.set(columns, [row]);
    } else if (stored && changes) {
      const row = { id: stored.id, ...changes, updated_at: now };
      const columns = Object.keys(row).join(',');
      const same = updates.get(columns);
      if (same) same.push(row);
      else updates.set(columns, [row]);
    }
  }
  for (const rows of inserts.values()) await insertLedgerRows(db, table, rows);
  for (const rows of updates.values()) await updateLedgerRows(db, table, rows);
}
