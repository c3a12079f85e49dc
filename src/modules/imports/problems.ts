import type { Problem } from '../../lib/errors.ts';

/** Problems listed in an answer at most; past it they are only counted (a 300 MB file can hold millions). */
export const MAX_LISTED_PROBLEMS = 1_000;

/** Characters of a cell echoed back in a problem; the rest is only measured. */
export const ECHO_CHARS = 100;

/** A cell's value as a problem shows it: at most ECHO_CHARS characters, and the length when cut. */
export function echoValue(value: string | null): string | null {
  if (value == null || value.length <= ECHO_CHARS) return value;
  return `${value.slice(0, ECHO_CHARS)}…（共 ${value.length} 个字符）`;
}

/**
 * The errors (or warnings) of one import: the first MAX_LISTED_PROBLEMS kept, the rest counted. Values are cut
 * as they arrive, so a huge cell is never held twice.
 */
export class ProblemList {
  private readonly listed: Problem[] = [];
  private omitted = 0;

  constructor(private readonly unit: '处错误' | '条警告') {}

  add(problem: Problem): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS)
      this.listed.push({ ...problem, value: echoValue(problem.value) });
    else this.omitted++;
  }

  /** Problems from the reading of the file, whose values were cut already. */
  addAll(problems: readonly Problem[]): void {
    for (const problem of problems) {
      if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
      else this.omitted++;
    }
  }

  get total(): number {
    return this.listed.length + this.omitted;
  }

  /** The listed problems by row, and a last line saying how many more there were. */
  report(): Problem[] {
    const out = [...this.listed].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (this.omitted > 0) {
      out.push({ row: null, column: null, value: null, reason: `另有 ${this.omitted} ${this.unit}未列出` });
    }
    return out;
  }
}
