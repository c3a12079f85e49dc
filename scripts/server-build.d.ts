// Types of scripts/server-build.js for the TypeScript that imports it (tests, benches).
export const ROOT: string;
export function newestInput(root?: string): number;
export function builtEntry(root?: string, env?: Record<string, string | undefined>): string | null;
export function buildServer(options?: { root?: string; out?: string }): number;
