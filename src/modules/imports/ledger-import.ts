import type { Db } from '../../db/create-db.ts';
import { nowIso } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import type { IdNumberInfo } from '../../lib/id-number.ts';
import { maskIdNumber } from '../../lib/id-number.ts';
import { reaches } from '../auth/auth.policy.ts';
import { findOrgByCode, type OrgRow } from '../orgs/orgs.repository.ts';
import { findPeopleByHashes, type PersonRow } from '../people/people.repository.ts';
import { findRegionByCode, type RegionRow } from '../regions/regions.repository.ts';
import type { Column } from './columns.ts';
import type { ImportKind, ImportSession, ParsedRow } from './import-kind.ts';
import {
  findByCode,
  findByNaturalKey,
  insertLedgerRow,
  type LedgerRecord,
  updateLedgerRow,
} from './ledger.repository.ts';

/**
 * Resolves the codes and identity numbers a row points at (IMPORT-SPEC.md "references"), reporting
 * what does not exist or lies outside the importer's subtree. Cached for the import.
 */
export class References {
  private readonly orgs = new Map<string, OrgRow | null>();
  private readonly people = new Map<string, PersonRow | null>();
  private readonly regions = new Map<string, RegionRow | null>();
  private readonly coded = new Map<string, Awaited<ReturnType<typeof findByCode>> | null>();

  constructor(private readonly session: ImportSession) {}

  get db(): Db {
    return this.session.db;
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

  /** The person with the identity number in column `key`: imported before, and within the importer's reach. */
  async person(row: ParsedRow, key: string): Promise<PersonRow | null> {
    const id = row.values[key] as IdNumberInfo;
    const hash = this.session.ctx.cipher.lookupHash(id.idNumber);
    if (!this.people.has(hash)) this.people.set(hash, (await findPeopleByHashes(this.db, [hash]))[0] ?? null);
    const person = this.people.get(hash)!;
    // The same rule as the API (a person is reached through his scope), and the same words whether the
    // number is unknown or another county's: an import is no oracle of who is registered where.
    if (person && reaches(this.session.actor, person.scope_path)) return person;
    this.session.error(
      row,
      key,
      '系统中没有该身份证号的人员，或其不在您的管理范围内；请先导入人员信息',
      maskIdNumber(id.idNumber),
    );
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

  /** Forget a code after its record was written, so later rows see the new version. */
  forget(table: LedgerTableName, code: string): void {
    this.coded.delete(`${table}:${code}`);
  }
}

/** The fields of a ledger row; `org_id` and `org_path` are required, timestamps are added here. */
export type LedgerValues = LedgerRecord & { org_id: number; org_path: string };

export interface LedgerImportSpec {
  kind: string;
  label: string;
  table: LedgerTableName;
  columns: Column[];
  /** The table columns that make the natural key (IMPORT-SPEC.md **key**). */
  naturalKey: string[];
  /** Reads one row into the values to store; null once it has reported an error. */
  toValues(row: ParsedRow, refs: References, session: ImportSession): Promise<LedgerValues | null>;
  /** The league's rules that history may break, reported as warnings (IMPORT-SPEC.md "history"). */
  warn?(row: ParsedRow, values: LedgerValues, refs: References, session: ImportSession): Promise<void> | void;
  finish?(refs: References, session: ImportSession): Promise<void>;
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null) || (typeof a === 'number' && typeof b === 'number' && a === b);
}

/** An import kind for a ledger: references resolved, scope checked, upsert by natural key, unchanged rows left alone. */
export function defineLedgerImport(spec: LedgerImportSpec): ImportKind {
  const keyHeaders = spec.columns
    .filter((c) => c.naturalKey)
    .map((c) => c.header)
    .join('、');
  return {
    kind: spec.kind,
    label: spec.label,
    columns: spec.columns,
    batchSize: 500,
    open(session) {
      const refs = new References(session);
      // Where each natural key was last written in this file: a clerk's double entry is worth a word.
      const rowOfKey = new Map<string, number>();
      return {
        async writeBatch(rows) {
          for (const row of rows) {
            const values = await spec.toValues(row, refs, session);
            if (!values) continue;
            await spec.warn?.(row, values, refs, session);
            const key = Object.fromEntries(spec.naturalKey.map((k) => [k, values[k] ?? null]));
            const keyText = JSON.stringify(Object.values(key));
            const earlier = rowOfKey.get(keyText);
            if (earlier)
              session.warning(
                row,
                null,
                `与第 ${earlier} 行是同一条记录（${keyHeaders}相同），以本行为准`,
                null,
              );
            rowOfKey.set(keyText, row.rowNumber);
            const existing = await findByNaturalKey(session.db, spec.table, key);
            if (existing && !reaches(session.actor, existing.org_path)) {
              session.error(row, null, '该记录属于其他组织，不在您的管理范围内', null);
              continue;
            }
            if (!existing) {
              const now = nowIso();
              await insertLedgerRow(session.db, spec.table, { ...values, created_at: now, updated_at: now });
              session.counted('inserted');
            } else if (Object.entries(values).every(([k, v]) => sameValue(existing[k], v))) {
              session.counted('unchanged');
            } else {
              await updateLedgerRow(session.db, spec.table, existing.id, { ...values, updated_at: nowIso() });
              session.counted('updated');
            }
            if (typeof values.code === 'string') refs.forget(spec.table, values.code);
          }
        },
        finish: spec.finish ? () => spec.finish!(refs, session) : undefined,
      };
    },
  };
}
