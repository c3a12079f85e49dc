import { describe, expect, it } from 'vitest';
import { progressText, terminalProgress } from './progress-line.ts';

const mid = {
  phase: 'importing' as const,
  read: 45_000,
  checked: 40_000,
  written: 39_990,
  total: 100_000,
  etaSeconds: 190,
};

describe('the command line’s progress line', () => {
  it('says the phase, the share done, the counts and the time left in one line', () => {
    expect(progressText(mid)).toBe(
      '检查并写入 40%：已读取 45,000 / 约 100,000 行，已检查 40,000，已写入 39,990，剩余约 3 分 10 秒',
    );
    expect(
      progressText({
        ...mid,
        phase: 'reading',
        read: 0,
        checked: 0,
        written: 0,
        total: null,
        etaSeconds: null,
      }),
    ).toBe('读取文件：已读取 0 行，已检查 0，已写入 0');
  });

  it('rewrites the line in place on a terminal and clears it at the end', async () => {
    const written: string[] = [];
    const line = terminalProgress({ isTTY: true, write: (t: string) => written.push(t) });
    await line.sink?.(mid);
    line.done();
    expect(written).toEqual([`\r\x1b[K${progressText(mid)}`, '\r\x1b[K']);
  });

  it('writes nothing at all when the output is piped', () => {
    const written: string[] = [];
    const line = terminalProgress({ isTTY: false, write: (t: string) => written.push(t) });
    expect(line.sink).toBeUndefined();
    line.done();
    expect(written).toEqual([]);
  });
});
