import os from 'node:os';
import type { AppContext } from '../../context.ts';
import { redact } from '../../lib/redact.ts';
import { claimRun, ensureJobRows, findDueJobs, finishRun } from './scheduler.repository.ts';

/** Work done every so often, by one process of the deployment at a time (issue 14). */
export interface Job {
  /** Its row in scheduled_runs: stable, never reused for other work. */
  name: string;
  everyMs: number;
  run(ctx: AppContext): Promise<void>;
}

export interface SchedulerLog {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface SchedulerOptions {
  /** How often due jobs are looked for; a job runs at most this late. */
  tickMs: number;
  /** Who ran a job, in scheduled_runs.last_owner and the log. */
  owner?: string;
  log?: SchedulerLog;
  /** The time (tests move it). */
  now?: () => Date;
}

/**
 * The one place timers live. Every process of a deployment runs a scheduler over the same jobs; a due job is
 * claimed in the database (scheduler.repository.ts claimRun) before it runs, so it runs once per due time
 * whichever process gets there first, and no process holds a job another is waiting for. A process that dies
 * mid-run does not leave the job stuck: the claim already set the next due time.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<string[]> | null = null;
  private stopped = false;
  private readonly owner: string;
  private readonly now: () => Date;

  constructor(
    private readonly ctx: AppContext,
    private readonly jobs: Job[],
    private readonly options: SchedulerOptions,
  ) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}`;
    this.now = options.now ?? (() => new Date());
  }

  /** Makes the jobs' rows (a new job is due at once), then looks for due jobs every tickMs. */
  async start(): Promise<void> {
    await ensureJobRows(
      this.ctx.db,
      this.jobs.map((j) => j.name),
      this.now().toISOString(),
    );
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  /** Runs every due job this process wins; the names of those it ran. One tick at a time. */
  tick(): Promise<string[]> {
    if (this.stopped) return Promise.resolve([]);
    if (this.ticking) return this.ticking;
    this.ticking = this.runDue().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async runDue(): Promise<string[]> {
    const ran: string[] = [];
    try {
      const now = this.now();
      const due = await findDueJobs(
        this.ctx.db,
        this.jobs.map((j) => j.name),
        now.toISOString(),
      );
      for (const job of this.jobs.filter((j) => due.includes(j.name))) {
        if (this.stopped) break;
        const next = new Date(now.getTime() + job.everyMs).toISOString();
        if (!(await claimRun(this.ctx.db, job.name, now.toISOString(), next, this.owner))) continue;
        ran.push(job.name);
        let error: string | null = null;
        try {
          await job.run(this.ctx);
        } catch (e) {
          error = redact((e as Error).message).slice(0, 500);
        }
        await finishRun(this.ctx.db, job.name, this.now().toISOString(), error);
        if (error) this.options.log?.error({ job: job.name, owner: this.owner }, `定时任务失败：${error}`);
        else this.options.log?.info({ job: job.name, owner: this.owner }, '定时任务完成');
      }
    } catch (e) {
      // The database is away (restart, failover): the next tick tries again.
      this.options.log?.error({ owner: this.owner }, `定时任务检查失败：${(e as Error).message}`);
    }
    return ran;
  }

  /** No new runs; resolves when the one under way (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
