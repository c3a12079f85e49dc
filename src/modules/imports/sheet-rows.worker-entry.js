// A worker thread starts without the TypeScript loader of its parent (and under vitest without vite's),
// so it registers tsx itself before loading the worker's code.
import { register } from 'tsx/esm/api';

register();
await import('./sheet-rows.worker.ts');
