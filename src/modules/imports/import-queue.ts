import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { createDb, type Db, dialect, nowIso } from '../../db/create-db.ts';
import { createImportJobs } from '../../db/migrations/20261203000100_import_jobs.ts';
import { addImportJobProgress } from '../../db/migrations/20261204050001_import_job_progress.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { ConflictError } from '../../lib/errors.ts';
import type { Actor } from '../auth/auth.policy.ts';
import {
  beatJobs,
  claimJob,
  deleteEndedJobs,
  findVisibleJobs,
  finishJob,
  type ImportJobRow,
  type ImportJobState,
  insertJob,
  interruptStaleJobs,
  setJobFileName,
  setJobProgress,
} from './import-jobs.repository.ts';
import { type ImportPhase, type ImportProgress, PHASE_LABELS } from './progress.ts';

/** Imports one process runs at once when TUANWU_IMPORT_CONCURRENCY is unset (bench/import-limits.ts: 2 cores). */
export const DEFAULT_IMPORT_CONCURRENCY = 1;

export interface ImportQueueOptions {
  /** Jobs this process runs at once; the rest wait in 排队中, first come first served. */
  concurrency: number;
  /** How often the process says its jobs are alive. */
  heartbeatMs?: number;
  /** A job not heard of for this long belongs to a process that died: anyone who sees it marks it 已中断. */
  staleMs?: number;
}

export const STATE_LABELS: Record<ImportJobState, string> = {
  queued: '排队中',
  running: '导入中',
  done: '已完成',
  failed: '失败',
  interrupted: '已中断',
};

export const ONE_AT_A_TIME = '您已有一个导入正在排队或进行中，请等它结束后再上传下一个文件';
const LEFT = '上传已取消：您已离开页面或断开连接，文件未导入';
const STALE_SUMMARY = '处理该导入的服务进程已停止（心跳超时），文件未导入；请重新上传';
/** Ended jobs stay in the lists this long, so their user learns what became of the upload. */
const SHOW_ENDED_MS = 24 * 3600_000;
const KEEP_ENDED_MS = 7 * 24 * 3600_000;

export interface QueuedJob {
  id: number;
  kind: string;
  fileName: string;
  dryRun: boolean;
  state: ImportJobState;
  stateLabel: string;
  /** Imports that start before this one (those running in its process, and those queued there before it). */
  ahead: number;
  username: string | null;
  mine: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  summary: string | null;
  /** The import record of an ended job (its result and details). */
  importId: number | null;
  /** A running job's figures (progress.ts); null before it told any. */
  progress: (ImportProgress & { phaseLabel: string; at: string }) | null;
}

/** What one user sees of the queue: the active and interrupted jobs, and the recently ended ones. */
export interface VisibleJobs {
  jobs: QueuedJob[];
  recent: QueuedJob[];
}

/**
 * The import queue of one app instance, kept in the database so every process on it sees the same queue: a
 * user has one import at a time across all processes (a unique index), each process runs at most `concurrency`
 * jobs and queues the rest first come first served, a running or queued job is kept alive by its process's
 * heartbeat, and a job whose process died is marked interrupted by whoever notices. A job runs only in the process
 * that received its file (the upload's request waits for its turn), so claiming it is one conditional UPDATE of
 * its own row.
 *
 * On SQLite the queue lives in a file of its own beside the database (`<database>.jobs`): a running import holds
 * the database's one write lock for its whole transaction, and the queue must still take new jobs, beat and
 * answer meanwhile.
 */
export class ImportQueue {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly concurrency: number;
  readonly #heartbeatMs: number;
  readonly #staleMs: number;
  #running = 0;
  /** Jobs of this process waiting for a slot, by id (first queued, first served). */
  readonly #waiting: { id: number; wake: () => void }[] = [];
  #timer: NodeJS.Timeout | null = null;
  #beating: Promise<void> | null = null;

  private constructor(
    readonly db: Db,
    private readonly ownsDb: boolean,
    options: ImportQueueOptions,
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency));
    this.#heartbeatMs = options.heartbeatMs ?? 5_000;
    this.#staleMs = options.staleMs ?? 60_000;
  }

  /** The queue of an app on `ctx`'s database; close() ends its heartbeat (and its SQLite file). */
  static async open(ctx: AppContext, options: ImportQueueOptions): Promise<ImportQueue> {
    const url = ctx.config.databaseUrl;
    if (dialect(ctx.db) === 'postgres') return new ImportQueue(ctx.db, false, options).#start();
    const file = url.slice('sqlite:'.length);
    const db = createDb(file === ':memory:' ? url : `sqlite:${path.resolve(file)}.jobs`);
    await createImportJobs(db);
    await addImportJobProgress(db);
    return new ImportQueue(db, true, options).#start();
  }

  #start(): this {
    this.#timer = setInterval(() => void this.#beat(), this.#heartbeatMs);
    this.#timer.unref();
    return this;
  }

  async #beat(): Promise<void> {
    if (this.#beating) return;
    this.#beating = (async () => {
      try {
        await beatJobs(this.db, this.owner, nowIso());
        await this.sweep();
      } catch {
        // A missed beat is made up by the next; a database away for longer than staleMs interrupts the jobs.
      } finally {
        this.#beating = null;
      }
    })();
    await this.#beating;
  }

  /** Marks jobs of dead processes interrupted (their users may upload again) and forgets old ended jobs. */
  async sweep(): Promise<void> {
    const now = Date.now();
    await interruptStaleJobs(this.db, new Date(now - this.#staleMs).toISOString(), nowIso(), STALE_SUMMARY);
    await deleteEndedJobs(this.db, new Date(now - KEEP_ENDED_MS).toISOString());
  }

  /** Queues an upload of the actor's; 409 while another of his is queued or running anywhere. */
  async enqueue(actor: Actor, kind: string, dryRun: boolean, fileName = ''): Promise<number> {
    await this.sweep();
    const now = nowIso();
    try {
      return await insertJob(this.db, {
        kind,
        file_name: fileName,
        user_id: actor.userId > 0 ? actor.userId : null,
        username: actor.username,
        org_path: actor.orgPath,
        dry_run: dryRun ? 1 : 0,
        state: 'queued',
        owner: this.owner,
        created_at: now,
        heartbeat_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(ONE_AT_A_TIME);
      throw error;
    }
  }

  async nameFile(id: number, fileName: string): Promise<void> {
    await setJobFileName(this.db, id, fileName);
  }

  /**
   * Waits until the job may run in this process (fewer than `concurrency` running, no earlier job waiting), then
   * claims it. Refused (409) when the job is no longer queued: another process found it stale and interrupted it.
   */
  async start(id: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new ConflictError(LEFT);
    if (this.#running < this.concurrency && this.#waiting.length === 0) this.#running++;
    else {
      // The slot is handed over by #release, already counted. An uploader who leaves gives up his place.
      await new Promise<void>((wake, fail) => {
        const waiter = { id, wake };
        const at = this.#waiting.findIndex((w) => w.id > id);
        this.#waiting.splice(at < 0 ? this.#waiting.length : at, 0, waiter);
        signal?.addEventListener(
          'abort',
          () => {
            const index = this.#waiting.indexOf(waiter);
            if (index < 0) return;
            this.#waiting.splice(index, 1);
            fail(new ConflictError(LEFT));
          },
          { once: true },
        );
      });
    }
    try {
      if (!(await claimJob(this.db, id, this.owner, this.concurrency, nowIso())))
        throw new ConflictError('该导入已中断（排队时间过长或服务进程曾停止响应），文件未导入；请重新上传');
    } catch (error) {
      this.#release();
      throw error;
    }
  }

  /** Ends a job (claimed or still queued) and hands its slot to the next waiting job. */
  async finish(
    id: number,
    end: { state: 'done' | 'failed'; summary: string; importId?: number | null },
    claimed: boolean,
  ): Promise<void> {
    try {
      await finishJob(this.db, id, { ...end, importId: end.importId ?? null, at: nowIso() });
    } finally {
      if (claimed) this.#release();
    }
  }

  /** A running job's figures, for every process's readers (the job row is the one place they are kept). */
  async progress(id: number, progress: ImportProgress): Promise<void> {
    await setJobProgress(this.db, id, progress, nowIso());
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next.wake();
    else this.#running--;
  }

  /**
   * Queued, running and recently interrupted jobs within `scopePath`, each with how many start before it; and the
   * jobs ended in the last day: the user's own, and for `wholeScope` (an administrator) everyone's in his scope.
   */
  async visible(scopePath: string, userId: number, wholeScope = true): Promise<VisibleJobs> {
    await this.sweep();
    const rows = await findVisibleJobs(this.db, new Date(Date.now() - SHOW_ENDED_MS).toISOString());
    const ahead = (job: ImportJobRow) =>
      job.state !== 'queued'
        ? 0
        : rows.filter(
            (r) =>
              r.owner === job.owner && (r.state === 'running' || (r.state === 'queued' && r.id < job.id)),
          ).length;
    const mine = (r: ImportJobRow) => r.user_id !== null && r.user_id === userId;
    const shown = rows
      .filter((r) => r.org_path.startsWith(scopePath))
      .reverse()
      .map((r) => ({ row: r, job: toJob(r, ahead(r), mine(r)) }));
    return {
      jobs: shown.filter(({ row }) => !ENDED.includes(row.state)).map(({ job }) => job),
      recent: shown
        .filter(({ row }) => ENDED.includes(row.state) && (wholeScope || mine(row)))
        .map(({ job }) => job),
    };
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#beating;
    if (this.ownsDb) await this.db.destroy();
  }
}

/** Ended jobs shown as recent imports; interrupted ones stay with the queue, as before. */
const ENDED = ['done', 'failed'];

function toJob(r: ImportJobRow, ahead: number, mine: boolean): QueuedJob {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    dryRun: r.dry_run === 1,
    state: r.state as ImportJobState,
    stateLabel: STATE_LABELS[r.state as ImportJobState] ?? r.state,
    ahead,
    username: r.username,
    mine,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    summary: r.summary,
    importId: r.import_id,
    progress:
      r.state === 'running' && r.phase && r.progress_at
        ? {
            phase: r.phase as ImportPhase,
            phaseLabel: PHASE_LABELS[r.phase as ImportPhase] ?? r.phase,
            read: r.rows_read ?? 0,
            checked: r.rows_checked ?? 0,
            written: r.rows_written ?? 0,
            total: r.rows_total,
            etaSeconds: r.eta_seconds,
            at: r.progress_at,
          }
        : null,
  };
}
