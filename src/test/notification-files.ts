import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What a file adapter wrote for `channel` (`<dir>/<channel>.jsonl`, one message a line); none when nothing was sent. */
export function sentMessages<T>(dir: string, channel: string): T[] {
  try {
    return readFileSync(path.join(dir, `${channel}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as T);
  } catch {
    return [];
  }
}
