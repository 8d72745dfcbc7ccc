// Preloaded into each app by the system-flow bench (NODE_OPTIONS=--require ..., since --cpu-prof is
// not allowed there): profiles from the moment <dir>/start exists (the bench creates it when the load
// starts, so start-up is left out) and writes <dir>/<app>-<pid>.cpuprofile when the process is stopped.
// CommonJS, as --require loads it (--import would switch the apps' TypeScript entry to the ESM loader).
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const { existsSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { join } = require('node:path');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const app = (process.argv.find((arg) => /apps\/[^/]+\/src\/main\.(ts|js)$/.test(arg)) || 'node').replace(/^.*apps\/([^/]+)\/.*$/, '$1');
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  let started = false;
  const poll = setInterval(() => {
    if (!existsSync(join(dir, 'start'))) return;
    clearInterval(poll);
    started = true;
    session.post('Profiler.start');
  }, 100);
  poll.unref();
  let written = false;
  const write = () => {
    if (written || !started) return;
    written = true;
    // A session on the main thread answers synchronously, so this is done before the process goes on.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${app}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
  // Nest re-raises SIGTERM once it has shut down, which ends the process without 'exit': write first,
  // then step aside so that re-raised signal ends the process as it would have.
  const onTerm = () => {
    write();
    process.removeListener('SIGTERM', onTerm);
  };
  process.on('SIGTERM', onTerm);
}
