// Loaded into a benchmarked app's own process (NODE_OPTIONS="-r @swc-node/register -r <this file>"):
// answers GET http://127.0.0.1:$BENCH_PROBE_PORT/ with the event-loop time used since the last
// answer, so the figures are the app's, not the benchmark client's.
import { createServer } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * What the probe answers since the last reading: the event loop's busy time and longest single
 * block (both wall-clock, so they grow when the machine is busy with other work), and the CPU time
 * of the whole process (all its threads, but not time spent waiting for a core).
 */
export interface EventLoopReading {
  readonly activeMs: number;
  readonly longestBlockMs: number;
  readonly cpuMs: number;
}

const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let since = performance.eventLoopUtilization();
let cpuSince = process.cpuUsage();

const port = Number(process.env.BENCH_PROBE_PORT);
if (Number.isInteger(port) && port > 0) {
  const server = createServer((_request, response) => {
    const cpu = process.cpuUsage(cpuSince);
    const reading: EventLoopReading = { activeMs: performance.eventLoopUtilization(since).active, longestBlockMs: delay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000 };
    since = performance.eventLoopUtilization();
    cpuSince = process.cpuUsage();
    delay.reset();
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(reading));
  });
  server.listen(port, '127.0.0.1');
  // The app decides when the process ends, not the probe.
  server.unref();
}
