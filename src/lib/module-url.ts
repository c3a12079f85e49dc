/**
 * The URL of a module beside `base` (a caller's `import.meta.url`), named by its source file: `./x.ts` from
 * TypeScript run as is (tsx, vitest), `./x.js` from the build in dist/. tsc rewrites the extension of import
 * specifiers only, not of a path handed to a worker or to a later `import()`.
 */
export function siblingModule(name: string, base: string): URL {
  const url = new URL(name, base);
  if (new URL(base).pathname.endsWith('.js')) url.pathname = url.pathname.replace(/\.ts$/, '.js');
  return url;
}

/** Whether the module at `base` is the built JavaScript rather than its TypeScript source. */
export function isBuilt(base: string): boolean {
  return new URL(base).pathname.endsWith('.js');
}
