import { orgsImport } from '../orgs/orgs.import.ts';
import { peopleImport } from '../people/people.import.ts';
import { regionsImport } from '../regions/regions.import.ts';
import type { ImportKind } from './import-kind.ts';

/** Every import format, in the order files can be loaded (references point backwards). */
export const IMPORT_KINDS: ImportKind[] = [regionsImport, orgsImport, peopleImport];

export function findImportKind(kind: string): ImportKind | undefined {
  return IMPORT_KINDS.find((k) => k.kind === kind);
}
