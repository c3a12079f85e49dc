/**
 * Progress of one import (issue 15, progress on long work). `reading` checks the file (checksum, row estimate)
 * before the transaction, `importing` reads, checks and writes rows, `committing` runs the whole-file checks and
 * the commit.
 */
export type ImportPhase = 'reading' | 'importing' | 'committing';

export const PHASE_LABELS: Record<ImportPhase, string> = {
  reading: '读取文件',
  importing: '检查并写入',
  committing: '提交',
};

export interface ImportProgress {
  phase: ImportPhase;
  /** Data rows read from the file so far. */
  read: number;
  /** Rows through every check (cells and the kind's own), written or found wrong. */
  checked: number;
  /** Rows written (inserted, updated or found unchanged). */
  written: number;
  /** The estimated number of data rows in the file; null when it could not be told. */
  total: number | null;
  /** Seconds left at the pace so far; null until there is a pace (or no total). */
  etaSeconds: number | null;
}

export type ProgressSink = (progress: ImportProgress) => void | Promise<void>;

/** How often progress is told at most: a row costs microseconds, telling costs a write. */
export const PROGRESS_INTERVAL_MS = 500;

/**
 * Counts an import's rows and tells a sink about them at most every `intervalMs` (and on each change of phase).
 * The import never waits for the sink: a report still under way when the next is due is skipped, and a failing
 * sink is ignored (progress is a courtesy, the import is the work). `settle()` sends the last figures.
 */
export class ProgressMeter {
  #phase: ImportPhase = 'reading';
  #read = 0;
  #checked = 0;
  #written = 0;
  /** Rows of the batches the writer has finished. */
  #done = 0;
  #total: number | null = null;
  #startedAt = 0;
  #lastSent = Number.NEGATIVE_INFINITY;
  #sending: Promise<void> | null = null;
  #dirty = false;
  /** A change of phase came while a report was under way: told as soon as that one is done. */
  #forced = false;
  /** Figures not yet told are told this late at most, also when the import pauses (a lock, a slow check). */
  #trailing: NodeJS.Timeout | null = null;

  constructor(
    private readonly sink: ProgressSink | undefined,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The file's estimated data rows (an estimate: the file may hold blank rows). */
  estimate(total: number | null): void {
    this.#total = total != null && total >= 0 ? total : null;
  }

  phase(phase: ImportPhase): void {
    if (phase === this.#phase && this.#lastSent > Number.NEGATIVE_INFINITY) return;
    if (phase === 'importing' && this.#phase !== 'importing') this.#startedAt = this.now();
    this.#phase = phase;
    this.#send(true);
  }

  /** A chunk of `rows` data rows arrived from the reader. */
  received(rows: number): void {
    this.#read += rows;
    this.#send(false);
  }

  /** One row written (inserted, updated or unchanged). */
  wrote(): void {
    this.#written++;
    if (this.#checked < this.#read) this.#checked++;
    this.#send(false);
  }

  /** The writer finished a chunk of `rows` data rows (the bad ones included). */
  batchDone(rows: number): void {
    this.#done += rows;
    this.#checked = this.#done;
    this.#send(false);
  }

  snapshot(): ImportProgress {
    const total = this.#total == null ? null : Math.max(this.#total, this.#read);
    const elapsed = this.now() - this.#startedAt;
    const eta =
      total != null && this.#phase === 'importing' && this.#checked > 0 && elapsed > 0
        ? Math.ceil(((total - this.#checked) * elapsed) / this.#checked / 1000)
        : this.#phase === 'committing'
          ? 0
          : null;
    return {
      phase: this.#phase,
      read: this.#read,
      checked: this.#checked,
      written: this.#written,
      total,
      etaSeconds: eta,
    };
  }

  /** Waits for a report under way and sends the latest figures if they were not told yet. */
  async settle(): Promise<void> {
    if (!this.sink) return;
    if (this.#trailing) clearTimeout(this.#trailing);
    this.#trailing = null;
    while (this.#sending) await this.#sending;
    if (this.#trailing) clearTimeout(this.#trailing);
    this.#trailing = null;
    if (this.#dirty) {
      this.#dirty = false;
      await this.#deliver();
    }
  }

  #send(force: boolean): void {
    if (!this.sink) return;
    this.#dirty = true;
    if (this.#sending) {
      this.#forced ||= force;
      return;
    }
    const at = this.now();
    if (!force && at - this.#lastSent < this.intervalMs) {
      this.#trailing ??= setTimeout(
        () => {
          this.#trailing = null;
          if (this.#dirty) this.#send(true);
        },
        this.intervalMs - (at - this.#lastSent),
      ).unref();
      return;
    }
    this.#lastSent = at;
    this.#dirty = false;
    this.#sending = this.#deliver().finally(() => {
      this.#sending = null;
      if (this.#forced) {
        this.#forced = false;
        this.#send(true);
      } else if (this.#dirty) this.#send(false);
    });
  }

  async #deliver(): Promise<void> {
    try {
      await this.sink!(this.snapshot());
    } catch {
      // A lost report is made good by the next one; the import goes on.
    }
  }
}
