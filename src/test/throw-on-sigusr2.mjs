// Preloaded into a server process by request-log.integration.test.ts (NODE_OPTIONS=--import): SIGUSR2 throws an
// error nobody catches, as a bug would, so the test can watch how the process dies. The message carries a mobile
// number, which the fatal log line must mask.
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('故障注入：13912345678 未捕获的错误');
  });
});
