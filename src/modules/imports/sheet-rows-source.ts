import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.ts';
import { isBuilt } from '../../lib/module-url.ts';
import { SheetRefusedError } from '../../lib/sheet-limits.ts';
import { UnreadableSheetError } from '../../lib/spreadsheet.ts';
import type { HeaderMapping } from './header-mapping.ts';
import type { ImportKind } from './import-kind.ts';
import { type ParsedChunk, parseSheet } from './sheet-rows.ts';

/**
 * From this size on, a kind that has a light format module is read on a worker thread: starting one costs
 * about a fifth of a second, which pays from some ten thousand rows on.
 */
const WORKER_MIN_BYTES = 1 << 20;

/** Chunks read ahead of the writer at most. */
const CREDITS = 4;

export interface SheetRowsWorkerInput {
  formatModule: string;
  path: string;
  secret: string;
  credits: number;
  mapping?: HeaderMapping;
}

export type SheetRowsWorkerMessage =
  | { chunk: ParsedChunk }
  | { failure: { unreadable: boolean; message: string; refused?: { reason: string; row: number | null } } };

/**
 * The checked rows of a file, chunk by chunk. Small files, and kinds without a light format module, are read
 * inline; a large file of a kind with one is read on a worker thread, so reading, cell checks and per-row
 * preparation (hashing, encryption) run beside the database writes instead of before them.
 */
export function sheetRows(
  ctx: AppContext,
  kind: ImportKind,
  path: string,
  options: { worker?: boolean; mapping?: HeaderMapping } = {},
): AsyncIterable<ParsedChunk> {
  const onWorker = kind.formatModule != null && (options.worker ?? statSync(path).size >= WORKER_MIN_BYTES);
  return onWorker
    ? sheetRowsOnWorker({
        formatModule: kind.formatModule!,
        path,
        secret: ctx.config.secret,
        credits: CREDITS,
        mapping: options.mapping,
      })
    : parseSheet(kind, path, { cipher: ctx.cipher }, { mapping: options.mapping });
}

async function* sheetRowsOnWorker(input: SheetRowsWorkerInput): AsyncGenerator<ParsedChunk> {
  // Built code starts the compiled worker; TypeScript needs the entry that registers tsx in the new thread.
  const entry = isBuilt(import.meta.url) ? './sheet-rows.worker.js' : './sheet-rows.worker-entry.js';
  const worker = new Worker(new URL(entry, import.meta.url), {
    workerData: input,
    execArgv: [],
  });
  const inbox: (SheetRowsWorkerMessage | { crashed: Error } | { exited: number })[] = [];
  let notify: (() => void) | null = null;
  const deliver = (message: (typeof inbox)[number]) => {
    inbox.push(message);
    notify?.();
    notify = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ crashed: error }));
  worker.on('exit', (code) => deliver({ exited: code }));
  try {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = inbox.shift()!;
      if ('chunk' in message) {
        worker.postMessage('more');
        yield message.chunk;
        if (message.chunk.last) return;
      } else if ('failure' in message) {
        const { refused } = message.failure;
        if (refused) throw new SheetRefusedError(refused.reason, refused.row);
        const cause = new Error(message.failure.message);
        throw message.failure.unreadable ? new UnreadableSheetError(cause) : cause;
      } else if ('crashed' in message) throw message.crashed;
      else throw new Error(`读取文件的工作线程意外退出（代码 ${message.exited}）`);
    }
  } finally {
    await worker.terminate();
  }
}
