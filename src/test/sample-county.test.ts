import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_SAMPLE, contractSample, FIXTURE_SAMPLE } from './sample-county.ts';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
    });
}

describe('the sample county fixture', () => {
  it('holds files.json and every file it names', () => {
    const files = JSON.parse(readFileSync(path.join(FIXTURE_SAMPLE, 'files.json'), 'utf8')) as {
      file: string;
    }[];
    expect(files.length).toBe(20);
    const present = new Set(filesUnder(FIXTURE_SAMPLE));
    for (const f of files) expect(present.has(f.file)).toBe(true);
  });

  it.skipIf(!contractSample())('is byte for byte the contract sample (../shared/sample)', () => {
    expect(filesUnder(FIXTURE_SAMPLE)).toEqual(filesUnder(CONTRACT_SAMPLE));
    for (const f of filesUnder(CONTRACT_SAMPLE)) {
      expect(
        readFileSync(path.join(FIXTURE_SAMPLE, f)).equals(readFileSync(path.join(CONTRACT_SAMPLE, f))),
        f,
      ).toBe(true);
    }
  });
});
