import { parentPort, workerData } from 'node:worker_threads';
import { createPersonalDataCipher } from '../../lib/crypto.ts';
import { SheetRefusedError } from '../../lib/sheet-limits.ts';
import { UnreadableSheetError } from '../../lib/spreadsheet.ts';
import type { ImportFormat } from './import-kind.ts';
import { parseSheet } from './sheet-rows.ts';
import type { SheetRowsWorkerInput, SheetRowsWorkerMessage } from './sheet-rows-source.ts';

/**
 * Reads one file on a worker thread and posts its chunks to the importing thread, never more than `credits`
 * ahead of what it has taken: memory stays flat however fast the reading outruns the writing.
 */
async function run(port: NonNullable<typeof parentPort>, input: SheetRowsWorkerInput) {
  const post = (message: SheetRowsWorkerMessage) => port.postMessage(message);
  let credits = input.credits;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits++;
    wake?.();
    wake = null;
  });
  try {
    const { format } = (await import(input.formatModule)) as { format: ImportFormat };
    const tools = { cipher: createPersonalDataCipher(input.secret) };
    for await (const chunk of parseSheet(format, input.path, tools, { mapping: input.mapping })) {
      post({ chunk });
      if (--credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (error) {
    if (error instanceof SheetRefusedError) {
      post({
        failure: {
          unreadable: true,
          message: error.message,
          refused: { reason: error.reason, row: error.row },
        },
      });
      port.close();
      return;
    }
    const unreadable = error instanceof UnreadableSheetError;
    const cause = unreadable ? error.cause : error;
    post({ failure: { unreadable, message: cause instanceof Error ? cause.message : String(cause) } });
  }
  port.close();
}

if (parentPort) await run(parentPort, workerData as SheetRowsWorkerInput);
