import type { AppName, RunningSystem } from '@payments/testing';
import type { ChaosBroker } from './chaos-broker';
import { sleep } from './chaos-http';
import type { KillTarget, PlannedFault } from './chaos-plan';

/** A fault as it happened: when it hit (from the start of the load) and when the target was back. */
export interface InjectedFault extends PlannedFault {
  readonly hitAtMs: number;
  readonly recoveredAtMs?: number;
  readonly problem?: string;
}

/** Every process of the system but the sandbox, whose state lives in memory (it stands in for the providers). */
export function killTargets(system: RunningSystem): KillTarget[] {
  return system.instances().filter((instance) => instance.app !== 'provider-sandbox').map(({ app, replica }) => ({ app, replica }));
}

const RESTART_TRIES = 5;

/** Starts a killed replica again; a start that fails (the broker may be restarting too) is retried. */
async function restart(system: RunningSystem, app: AppName, replica: number, log: (line: string) => void): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await system.startApp(app, { replica });
      return;
    } catch (error) {
      if (attempt === RESTART_TRIES) throw error;
      log(`  ${app}#${replica} did not come back (${(error as Error).message}); trying again`);
      await system.killApp(app, { replica });
      await sleep(2_000);
    }
  }
}

async function inject(fault: PlannedFault, system: RunningSystem, broker: ChaosBroker, since: number, log: (line: string) => void): Promise<InjectedFault> {
  const hitAtMs = Date.now() - since;
  try {
    if (fault.kind === 'broker-restart') {
      log(`  ${(hitAtMs / 1000).toFixed(1)} s: restarting the broker`);
      await broker.restart();
    } else {
      const [app, replica] = fault.target.split('#');
      log(`  ${(hitAtMs / 1000).toFixed(1)} s: SIGKILL ${fault.target}`);
      await system.killApp(app as AppName, { replica: Number(replica) });
      await restart(system, app as AppName, Number(replica), log);
    }
    return { ...fault, hitAtMs, recoveredAtMs: Date.now() - since };
  } catch (error) {
    return { ...fault, hitAtMs, problem: (error as Error).message };
  }
}

/**
 * Injects the planned faults at their moments from `since`. A target's faults run one after
 * another (a process is killed again only once it is back); different targets overlap freely.
 */
export async function injectFaults(
  plan: readonly PlannedFault[], system: RunningSystem, broker: ChaosBroker, since: number, log: (line: string) => void,
): Promise<InjectedFault[]> {
  const byTarget = new Map<string, PlannedFault[]>();
  for (const fault of plan) byTarget.set(fault.target, [...(byTarget.get(fault.target) ?? []), fault]);
  const injected = await Promise.all([...byTarget.values()].map(async (faults) => {
    const done: InjectedFault[] = [];
    for (const fault of faults) {
      await sleep(Math.max(0, since + fault.atMs - Date.now()));
      done.push(await inject(fault, system, broker, since, log));
    }
    return done;
  }));
  return injected.flat().sort((a, b) => a.hitAtMs - b.hitAtMs);
}
