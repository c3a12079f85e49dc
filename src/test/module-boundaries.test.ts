import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/modules, checked on every `npm test` (issue 16, item 2):
 * - nothing under src/modules imports src/server (the server assembles modules, never the reverse);
 * - a module reaches another module through its services, never its repository (Kysely stays behind its owner).
 *   A module's public face is its `<module>.service.ts` (with its `*.schemas.ts` and `*.labels.ts` types): what
 *   others may read or do there is exported on purpose, lookups re-exported from the repository included.
 *   Writes another module needs (people's admitToLeague or leaveLeague, users' activateAccount…) take the caller's
 *   database or transaction handle, so the caller's step stays all-or-nothing across both modules.
 * The 59 crossings of 2026-12-02 (36 pairs) are all gone: any import of another module's repository fails here —
 * call the owning module's service instead (add the function there if it is missing).
 * And the production code under src (everything but tests and src/test) never imports test support (src/test), and
 * src/modules holds no demo seeders (src/demo) nor test fixtures and probes (src/test) — issue 16, item 4.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULES = path.join(ROOT, 'src/modules');
const TEST_SUPPORT = path.join(ROOT, 'src/test');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.resolve(path.dirname(file), spec));
}

const moduleOf = (file: string) => path.relative(MODULES, file).split(path.sep)[0];

const edges = sourceFiles(MODULES).flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('the import graph of src/modules', () => {
  it('never imports src/server', () => {
    const upward = edges
      .filter((e) => e.to.startsWith(path.join(ROOT, 'src/server') + path.sep))
      .map((e) => `${path.relative(ROOT, e.from)} → ${path.relative(ROOT, e.to)}`);
    expect(upward).toEqual([]);
  });

  it("reaches no other module's repository", () => {
    const crossings = edges
      .filter(({ to }) => to.startsWith(MODULES + path.sep) && to.endsWith('.repository.ts'))
      .filter(({ from, to }) => moduleOf(from) !== moduleOf(to))
      .map(({ from, to }) => `${path.relative(ROOT, from)} → ${path.relative(ROOT, to)}`);
    expect(crossings, '跨模块直接引用他人的 repository：请改为调用该模块的 service').toEqual([]);
  });
});

describe('test support and demo seeders', () => {
  const inside = (dir: string, file: string) => file.startsWith(dir + path.sep);

  it('are never imported by production code', () => {
    const production = sourceFiles(path.join(ROOT, 'src')).filter((file) => !inside(TEST_SUPPORT, file));
    const reaching = production.flatMap((from) =>
      importsOf(from)
        .filter((to) => inside(TEST_SUPPORT, to) || inside(path.join(ROOT, 'e2e'), to))
        .map((to) => `${path.relative(ROOT, from)} → ${path.relative(ROOT, to)}`),
    );
    expect(reaching, '生产代码不能引用测试支持（src/test、e2e）').toEqual([]);
  });

  it('live outside src/modules (demo seeders in src/demo, fixtures and probes in src/test)', () => {
    const misplaced = sourceFiles(MODULES)
      .filter((file) => /\.(demo|seed|fixtures?|probes?|scope-probes|mocks?)\.ts$/.test(file))
      .map((file) => path.relative(ROOT, file));
    expect(misplaced, '演示数据放 src/demo，测试夹具与探针放 src/test').toEqual([]);
    const seeding = edges
      .filter((e) => inside(path.join(ROOT, 'src/demo'), e.to))
      .map((e) => `${path.relative(ROOT, e.from)} → ${path.relative(ROOT, e.to)}`);
    expect(seeding, 'src/modules 不能引用演示数据 src/demo').toEqual([]);
  });
});
