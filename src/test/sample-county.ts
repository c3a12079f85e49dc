import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The project's own copy of the sample county (示例县), so tests run in a lone clone. Tests that only need realistic
 * files use this one; `sample-county.test.ts` keeps it equal to the contract's copy.
 */
export const FIXTURE_SAMPLE = path.join(ROOT, 'test/fixtures/sample-county');

/** The contract's sample county, beside the clone as `../shared/sample`. */
export const CONTRACT_SAMPLE = path.resolve(ROOT, '../shared/sample');

/**
 * The contract's sample for the acceptance tests, or null where it is absent (they skip). In CI an absent contract
 * is a failure: a silent skip there would let the answer sheet drift from REPORT-SPEC unnoticed.
 */
export function contractSample(): string | null {
  if (existsSync(CONTRACT_SAMPLE)) return CONTRACT_SAMPLE;
  if (process.env.CI) {
    throw new Error(`CI 必须有合同示例数据 ${CONTRACT_SAMPLE}（../shared/sample），验收测试不能跳过`);
  }
  return null;
}

export interface SampleFile {
  kind: string;
  file: string;
  rows: number;
}

/** files.json: each file's import kind and row count, in import order. */
export function sampleFiles(dir: string): SampleFile[] {
  return JSON.parse(readFileSync(path.join(dir, 'files.json'), 'utf8')) as SampleFile[];
}
