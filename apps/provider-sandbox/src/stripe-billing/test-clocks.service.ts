import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import type { TestClockRecord } from './test-clock';

/** The sandbox's test clocks, in memory. Time on a clock moves only when `advance` moves it. */
export class TestClocks {
  private readonly clocks = new Map<string, TestClockRecord>();

  constructor(private readonly runtime: SandboxRuntime) {}

  create(frozenTime: number, name: string | null): TestClockRecord {
    const clock: TestClockRecord = { id: this.runtime.newId('clock'), name, created: unixSeconds(this.runtime.now()), frozenTime };
    this.clocks.set(clock.id, clock);
    return clock;
  }

  find(id: string): TestClockRecord | undefined {
    return this.clocks.get(id);
  }

  moveTo(id: string, frozenTime: number): TestClockRecord {
    const clock = { ...(this.clocks.get(id) as TestClockRecord), frozenTime };
    this.clocks.set(id, clock);
    return clock;
  }
}
