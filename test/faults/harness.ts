// The helpers moved to src/test/processes.ts, where benches share them (issue 14).
export * from '../../src/test/processes.ts';
