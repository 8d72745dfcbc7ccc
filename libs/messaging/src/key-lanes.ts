/**
 * Work in lanes by key: a job starts as soon as the job before it with the same key is done, and
 * never waits for jobs of other keys. Counts what is in flight, for back-pressure.
 */
export class KeyLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];

  get size(): number {
    return this.inFlight;
  }

  /** Queues `job` behind the last job of `key`; resolves when it is done (a failing job is the job's to report). */
  run(key: string, job: () => Promise<void>): Promise<void> {
    this.inFlight += 1;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done = previous.then(job).catch(() => undefined).finally(() => {
      if (this.tails.get(key) === done) this.tails.delete(key);
      this.inFlight -= 1;
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.tails.set(key, done);
    return done;
  }

  /** Resolves once fewer than `limit` jobs are in flight, or after `pollMs` (to let the caller heartbeat), whichever is first. */
  async below(limit: number, pollMs: number): Promise<boolean> {
    if (this.inFlight < limit) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.inFlight < limit;
  }

  /** Resolves once nothing is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}

/**
 * The committable offset of one partition when messages are handed out in offset order and finish
 * in any order: the next offset after the longest finished prefix.
 */
export class OffsetWatermark {
  private readonly pending: { offset: bigint; finished: boolean }[] = [];
  private next?: bigint;
  /** The offset this watermark last had committed (commits only move forward). */
  committed?: bigint;

  /** Records a handed-out offset; call the returned function when its message is finished. */
  add(offset: bigint): () => void {
    const entry = { offset, finished: false };
    this.pending.push(entry);
    return () => {
      entry.finished = true;
      while (this.pending.length > 0 && this.pending[0].finished) this.next = (this.pending.shift() as { offset: bigint }).offset + 1n;
    };
  }

  /** The offset to commit now, or undefined when nothing new finished. */
  get committable(): bigint | undefined {
    if (this.next === undefined || (this.committed !== undefined && this.next <= this.committed)) return undefined;
    return this.next;
  }
}
