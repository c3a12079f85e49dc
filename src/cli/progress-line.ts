import type { ImportProgress, ProgressSink } from '../modules/imports/progress.ts';
import { PHASE_LABELS } from '../modules/imports/progress.ts';

/** What the line needs of a terminal: written to, and whether it is one. */
export interface LineOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const n = (value: number) => value.toLocaleString('en-US');

/** Time left in words: 约 40 秒 / 约 3 分 10 秒. */
export function timeLeft(seconds: number): string {
  if (seconds < 60) return `约 ${Math.max(1, seconds)} 秒`;
  const minutes = Math.floor(seconds / 60);
  return `约 ${minutes} 分 ${seconds % 60} 秒`;
}

/** One line of an import's progress, as the terminal shows it (and the admin in the same words). */
export function progressText(p: ImportProgress): string {
  const of = p.total != null ? ` / 约 ${n(p.total)}` : '';
  const percent = p.total ? ` ${Math.min(100, Math.floor((p.checked * 100) / Math.max(1, p.total)))}%` : '';
  const left = p.phase === 'importing' && p.etaSeconds != null ? `，剩余${timeLeft(p.etaSeconds)}` : '';
  return `${PHASE_LABELS[p.phase]}${percent}：已读取 ${n(p.read)}${of} 行，已检查 ${n(p.checked)}，已写入 ${n(p.written)}${left}`;
}

/**
 * A progress line rewritten in place (\r) while an import runs, on a terminal only: piped output stays exactly what
 * it was, line for line, for the scripts that read it. `done()` clears the line before the result is printed.
 */
export function terminalProgress(out: LineOutput): { sink: ProgressSink | undefined; done: () => void } {
  if (!out.isTTY) return { sink: undefined, done: () => {} };
  let shown = false;
  return {
    sink: (p) => {
      out.write(`\r\x1b[K${progressText(p)}`);
      shown = true;
    },
    done: () => {
      if (shown) out.write('\r\x1b[K');
      shown = false;
    },
  };
}
