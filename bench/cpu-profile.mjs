// Preloaded by `bench:request-cost -- --profile <dir>` (NODE_OPTIONS refuses --cpu-prof): profiles the whole
// process and writes <dir>/tuanwu-<pid>.cpuprofile when it exits.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => {
  // The in-process session answers synchronously, so this runs to the end inside the exit handler.
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      writeFileSync(
        `${process.env.TUANWU_CPU_PROFILE_DIR}/tuanwu-${process.pid}.cpuprofile`,
        JSON.stringify(result.profile),
      );
  });
});
