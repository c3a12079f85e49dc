import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * package.json's engines must be true for what is locked (issue 16, item 5): every Node the declared range admits
 * must satisfy the engines of every package in package-lock.json, and the Node running the tests (CI's) must be in
 * the range. A dependency bump that needs a newer Node fails here instead of on a user's machine.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const semver = createRequire(import.meta.url)('semver') as {
  subset(range: string, superset: string): boolean;
  satisfies(version: string, range: string): boolean;
};

interface Lock {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
const declared = manifest.engines.node;

describe('engines', () => {
  it('admits no Node that a locked package refuses', () => {
    const refusing = Object.entries(lock.packages).flatMap(([where, pkg]) => {
      const engines = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      if (!where || !engines || semver.subset(declared, engines)) return [];
      return [`${where.replace(/^.*node_modules\//, '')}@${pkg.version}: node ${engines}`];
    });
    expect(refusing, `package.json 声明 node ${declared}，但以下锁定的包不支持其中某些版本`).toEqual([]);
  });

  it('is the range the lock file records, and holds the Node running the tests', () => {
    expect((lock.packages['']?.engines as { node?: string } | undefined)?.node).toBe(declared);
    expect(semver.satisfies(process.version, declared), `${process.version} 不在 ${declared} 之内`).toBe(
      true,
    );
  });
});
