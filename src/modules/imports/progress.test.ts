import { describe, expect, it } from 'vitest';
import { type ImportProgress, ProgressMeter } from './progress.ts';

/** A meter on a clock the test moves, telling a sink that records what it was told. */
function meterOnClock() {
  let clock = 1_000;
  const told: ImportProgress[] = [];
  const meter = new ProgressMeter(
    (p) => void told.push(p),
    500,
    () => clock,
  );
  return { meter, told, tick: (ms: number) => (clock += ms) };
}

describe('import progress meter', () => {
  it('tells each change of phase at once and rows at most every interval, then the last figures on settle', async () => {
    const { meter, told, tick } = meterOnClock();
    meter.estimate(2_000);
    meter.phase('reading');
    meter.phase('importing');
    await meter.settle();
    expect(told.map((p) => p.phase)).toEqual(['reading', 'importing']);

    meter.received(1_000);
    for (let i = 0; i < 400; i++) meter.wrote(); // within the interval: not told
    expect(told).toHaveLength(2);
    tick(500);
    meter.wrote();
    await Promise.resolve();
    expect(told[2]).toMatchObject({ read: 1_000, checked: 401, written: 401, total: 2_000 });
    // 401 rows checked in 500 ms: 1,599 rows left take 1,994 ms more.
    expect(told[2]!.etaSeconds).toBe(2);

    meter.batchDone(1_000); // 599 of the 1,000 rows had errors: checked, not written
    await meter.settle();
    expect(told.at(-1)).toMatchObject({ read: 1_000, checked: 1_000, written: 401 });
    meter.phase('committing');
    await meter.settle();
    expect(told.at(-1)).toMatchObject({ phase: 'committing', etaSeconds: 0 });
  });

  it('never lets the estimate fall below the rows read, and has no time left without one', async () => {
    const { meter, told, tick } = meterOnClock();
    meter.phase('importing');
    tick(1_000);
    meter.received(10);
    meter.batchDone(10);
    await meter.settle();
    expect(told.at(-1)).toMatchObject({ total: null, etaSeconds: null });
    meter.estimate(5);
    meter.received(10);
    await meter.settle();
    expect(told.at(-1)).toMatchObject({ total: 20, read: 20 });
  });

  it('goes on when the sink fails, and tells nothing without a sink', async () => {
    const failing = new ProgressMeter(() => Promise.reject(new Error('database away')));
    failing.phase('importing');
    failing.received(5);
    await expect(failing.settle()).resolves.toBeUndefined();
    const silent = new ProgressMeter(undefined);
    silent.phase('importing');
    silent.received(5);
    expect(silent.snapshot()).toMatchObject({ read: 5, phase: 'importing' });
  });
});
