// The server and the CLI compiled to JavaScript in dist/ (tsc, tsconfig.build.json), and whether that build is
// current. bin/tuanwu.js runs dist/ when it is, so production starts without compiling TypeScript (issue 14:
// ~2.4 s of tsx per command); a checkout edited since the last build runs its sources through tsx instead.
//
//   node scripts/server-build.js              build dist/ now
//   node scripts/server-build.js --if-needed  build only when dist/ is missing or older than its sources
//   node scripts/server-build.js --out <dir>  build into another folder (tests)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Written last into a finished build; its time is when the build started. */
const STAMP = '.built';

/** Besides src/, what changes the emitted code. */
const INPUTS = ['tsconfig.json', 'tsconfig.build.json'];

/**
 * The newest change among the build's inputs, in ms: source files and the folders holding them (a deleted or
 * renamed file changes its folder), tests left out since they are not built.
 */
export function newestInput(root = ROOT) {
  let latest = 0;
  const walk = (dir) => {
    latest = Math.max(latest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(full).mtimeMs);
    }
  };
  const src = path.join(root, 'src');
  if (existsSync(src)) walk(src);
  for (const file of INPUTS) {
    const full = path.join(root, file);
    if (existsSync(full)) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * The built CLI's entry file when dist/ is complete and no input changed since it was built; null otherwise
 * (also when TUANWU_FROM_SOURCE=1 asks for the sources). A copy without src/ (a release of dist/ alone) runs
 * its dist/.
 */
export function builtEntry(root = ROOT, env = process.env) {
  if (env.TUANWU_FROM_SOURCE === '1') return null;
  const dist = path.join(root, 'dist');
  const stamp = path.join(dist, STAMP);
  const entry = path.join(dist, 'cli/main.js');
  if (!existsSync(stamp) || !existsSync(entry)) return null;
  return newestInput(root) > statSync(stamp).mtimeMs ? null : entry;
}

/**
 * Compiles src/ into `out` (dist/ by default). It builds beside the target and swaps folders at the end, so a
 * process starting meanwhile finds either the old build or the new one, never half of one.
 */
export function buildServer({ root = ROOT, out = path.join(root, 'dist') } = {}) {
  const started = Date.now();
  const tmp = `${out}.building-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', tmp], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const stamp = path.join(tmp, STAMP);
  writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
  // A source saved while tsc ran is newer than the stamp, so the next start sees this build as stale.
  utimesSync(stamp, new Date(started), new Date(started));
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return Date.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const out = at >= 0 ? path.resolve(args[at + 1] ?? '') : undefined;
  if (args.includes('--if-needed') && out === undefined && builtEntry(ROOT, {})) process.exit(0);
  const ms = buildServer({ out });
  console.log(
    `server built into ${path.relative(process.cwd(), out ?? path.join(ROOT, 'dist')) || '.'} in ${(ms / 1000).toFixed(1)} s`,
  );
}
