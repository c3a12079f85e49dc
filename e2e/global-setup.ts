import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { artifacts, startServer } from './server.ts';

/**
 * Starts tuanwu once for the whole browser run and hands it to the worker through E2E_SERVER (a worker that
 * restarts after a failed journey finds the same server). Returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(artifacts, { recursive: true });
  for (const f of readdirSync(artifacts)) if (/\.(png|log)$/.test(f)) rmSync(path.join(artifacts, f));
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`chromium not found at ${executablePath} (apt-get install chromium fonts-noto-cjk)`);
  }
  const server = await startServer((line) => console.log(`  · ${line}`));
  const { stop, ...shared } = server;
  process.env.E2E_SERVER = JSON.stringify(shared);
  return stop;
}
