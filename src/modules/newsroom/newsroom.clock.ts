import type { AppContext } from '../../context.ts';

/**
 * The newsroom's notion of now. Scheduled publication depends on it, and tests move it instead of
 * sleeping; kept beside the context rather than in it, so no other module has to know.
 */
const clocks = new WeakMap<AppContext, () => Date>();

export function setNewsroomClock(ctx: AppContext, clock: () => Date): void {
  clocks.set(ctx, clock);
}

export function nowOf(ctx: AppContext): string {
  return (clocks.get(ctx)?.() ?? new Date()).toISOString();
}
