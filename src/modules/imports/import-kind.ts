import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/create-db.ts';
import type { LedgerTableName } from '../../db/ledger-schema.ts';
import type { Actor } from '../auth/auth.policy.ts';
import type { Column } from './columns.ts';
import type { ImportGate } from './imports.policy.ts';
import type { PrepareTools } from './sheet-rows.ts';

/** One data row after every cell was read on its own; values are keyed by column key. */
export interface ParsedRow {
  rowNumber: number;
  values: Record<string, unknown>;
  /** The cell as written, for error messages. */
  raw: Record<string, string | null>;
}

/** A problem of one row found when preparing it: the column (by key), the reason, and the value to show. */
export interface RowIssue {
  key: string;
  reason: string;
  value?: string | null;
}

/** What a kind's writer sees of the import under way. */
export interface ImportSession {
  /** The transaction every write of this import goes through. */
  db: Db;
  ctx: AppContext;
  actor: Actor;
  error(row: ParsedRow | null, columnKey: string | null, reason: string, value?: string | null): void;
  warning(row: ParsedRow | null, columnKey: string | null, reason: string, value?: string | null): void;
  counted(outcome: 'inserted' | 'updated' | 'unchanged'): void;
}

export interface KindWriter {
  /** Checks and writes a batch of rows, in file order; rows whose cells failed to read are not passed. */
  writeBatch(rows: ParsedRow[]): Promise<void>;
  /** Checks that need the whole file (e.g. sums against a balance). */
  finish?(): Promise<void>;
}

/**
 * What reading a file of one kind needs (IMPORT-SPEC.md): its columns and the per-row work that needs no
 * database. Kept apart from the writer so that a large file can be read on a worker thread.
 */
export interface ImportFormat {
  kind: string;
  label: string;
  columns: Column[];
  /** Rows per batch handed to the writer. */
  batchSize?: number;
  /**
   * Adds values derived from the row alone (e.g. the identity number's hash and ciphertext) to `row.values`.
   * Problems it returns (cells that are wrong only together, such as a number and its 证件类型) refuse the row.
   */
  prepare?(row: ParsedRow, tools: PrepareTools): RowIssue[] | undefined;
}

/**
 * An import format and its writer: a module declares its columns and natural key and writes rows; the engine
 * does reading, cell checks, scope of the transaction, all-or-nothing, reporting and audit. Each kind declares the
 * permission its rows need (`permission`, imports.policy.ts): who lacks it is refused before the file is read.
 */
export interface ImportKind extends ImportFormat, ImportGate {
  /**
   * The URL of a light module that exports this kind's format as `format` (no database, no services).
   * When given, large files are read, checked and prepared on a worker thread while the writer writes.
   */
  formatModule?: string;
  /** For a ledger kind: its table, and the ledgers whose rows take their organisation from its records. */
  ledger?: { table: LedgerTableName; dependents: readonly LedgerDependent[] };
  open(session: ImportSession): KindWriter | Promise<KindWriter>;
}

/** A ledger whose rows name a record of another by `foreignKey` and take that record's organisation. */
export interface LedgerDependent {
  table: LedgerTableName;
  foreignKey: string;
}

export function v<T>(row: ParsedRow, key: string): T | null {
  return (row.values[key] ?? null) as T | null;
}
