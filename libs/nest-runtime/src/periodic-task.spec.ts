import { Logger } from '@payments/observability';
import { startPeriodicTask } from './periodic-task';

describe('periodic task', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const logger = () => ({ error: jest.fn() }) as unknown as Logger & { error: jest.Mock };

  it('never starts a run while one is in progress, and waits for it on stop', async () => {
    let release: () => void = () => undefined;
    const work = jest.fn(() => new Promise<void>((resolve) => { release = resolve; }));
    const task = startPeriodicTask('sweep', 100, work, logger());
    await jest.advanceTimersByTimeAsync(350);
    expect(work).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = task.stop().then(() => { stopped = true; });
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(500);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('logs a failed run and keeps the schedule', async () => {
    const log = logger();
    const work = jest.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(undefined);
    const task = startPeriodicTask('sweep', 100, work, log);
    await jest.advanceTimersByTimeAsync(250);
    expect(work).toHaveBeenCalledTimes(2);
    expect(log.error).toHaveBeenCalledWith({ err: expect.any(Error) }, 'sweep failed');
    await task.stop();
  });
});
