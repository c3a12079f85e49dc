import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtEntry } from '../../scripts/server-build.js';

/** bin/tuanwu.js runs dist/ only while it is as new as what it was built from (issue 14). */
describe('which code bin/tuanwu.js runs', () => {
  let root: string;
  const at = (file: string, seconds: number) => {
    const when = new Date(Date.UTC(2026, 11, 2, 8, 0, seconds));
    utimesSync(path.join(root, file), when, when);
  };
  const put = (file: string, seconds: number) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    at(file, seconds);
  };
  const entry = () => builtEntry(root, {});

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'tuanwu-built-'));
    put('src/cli/main.ts', 1);
    put('src/db/migrate.ts', 1);
    at('src/cli', 1);
    at('src/db', 1);
    at('src', 1);
    put('tsconfig.json', 1);
    put('dist/cli/main.js', 5);
    put('dist/.built', 5);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('the build, when nothing changed since it was made', () => {
    expect(entry()).toBe(path.join(root, 'dist/cli/main.js'));
  });

  it('the sources, when one was edited after the build', () => {
    at('src/db/migrate.ts', 9);
    expect(entry()).toBeNull();
  });

  it('the sources, when a file was deleted or added after the build (its folder changed)', () => {
    at('src/db', 9);
    expect(entry()).toBeNull();
  });

  it('the sources, when the compiler settings changed', () => {
    at('tsconfig.json', 9);
    expect(entry()).toBeNull();
  });

  it('the build, when only a test changed (tests are not built)', () => {
    put('src/db/migrate.test.ts', 9);
    at('src/db', 1);
    expect(entry()).toBe(path.join(root, 'dist/cli/main.js'));
  });

  it('the sources, when no build finished (no stamp) or TUANWU_FROM_SOURCE=1 asks for them', () => {
    expect(builtEntry(root, { TUANWU_FROM_SOURCE: '1' })).toBeNull();
    rmSync(path.join(root, 'dist/.built'));
    expect(entry()).toBeNull();
  });

  it('the build, in a release that ships dist/ without src/', () => {
    rmSync(path.join(root, 'src'), { recursive: true });
    expect(entry()).toBe(path.join(root, 'dist/cli/main.js'));
  });
});
