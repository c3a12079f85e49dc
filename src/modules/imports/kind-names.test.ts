import { describe, expect, it } from 'vitest';
import { IMPORT_KIND_NAMES } from './kind-names.ts';
import { IMPORT_KINDS } from './kinds.ts';

describe('IMPORT_KIND_NAMES', () => {
  it('names every import kind, in the order of IMPORT_KINDS', () => {
    expect([...IMPORT_KIND_NAMES]).toEqual(IMPORT_KINDS.map((k) => k.kind));
  });
});
