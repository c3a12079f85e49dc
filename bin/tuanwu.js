#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so `npx tuanwu` needs no build step.
import { register } from 'tsx/esm/api';

// `npx tuanwu import … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
