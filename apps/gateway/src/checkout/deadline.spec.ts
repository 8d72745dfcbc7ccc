import { withDeadline } from './deadline';

describe('a deadline on work', () => {
  it('passes the result of work that settles in time', async () => {
    await expect(withDeadline(Promise.resolve('done'), 1000, () => new Error('late'))).resolves.toBe('done');
    await expect(withDeadline(Promise.reject(new Error('broken')), 1000, () => new Error('late'))).rejects.toThrow('broken');
  });

  it('rejects with the deadline error when work never settles', async () => {
    await expect(withDeadline(new Promise<never>(() => undefined), 10, () => new Error('late'))).rejects.toThrow('late');
  });

  it('ignores work that fails after the deadline instead of leaving an unhandled rejection', async () => {
    let fail!: (error: Error) => void;
    const work = new Promise<never>((_, reject) => { fail = reject; });
    await expect(withDeadline(work, 10, () => new Error('late'))).rejects.toThrow('late');
    fail(new Error('too late to matter'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
