#!/usr/bin/env node
// Runs the CLI built into dist/ (npm run build:server) when that build is current; a checkout edited since runs
// its TypeScript through tsx instead, so development needs no build step (scripts/server-build.js decides).
import { pathToFileURL } from 'node:url';
import { builtEntry } from '../scripts/server-build.js';

// `npx tuanwu import … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

async function fromSources() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    console.error('未找到编译后的程序（dist/），也没有 tsx 可直接运行源码：请先执行 npm run build:server');
    process.exit(1);
  }
  return new URL('../src/cli/main.ts', import.meta.url).href;
}

const built = builtEntry();
const { main } = await import(built ? pathToFileURL(built).href : await fromSources());
process.exitCode = await main(process.argv.slice(2));
