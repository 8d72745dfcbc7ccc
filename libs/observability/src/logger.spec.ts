import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

describe('service logger', () => {
  it('logs an Error with its type, message, stack and code, redacted, under err or any other key', async () => {
    const { lines, stream } = capture();
    const logger = createLogger('test-service', 'info', stream);
    const declined = Object.assign(new Error('card 4242424242424242 declined for rahul.k@okhdfcbank'), { code: 'PROVIDER.DECLINED' });
    logger.error({ err: declined, orderId: 'o-1' }, 'payment failed');
    logger.warn({ error: new TypeError('bad input from asha@example.com') }, 'rejected');
    logger.error(new RangeError('out of range'));
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines[0]).toMatchObject({
      msg: 'payment failed', orderId: 'o-1',
      err: { type: 'Error', message: 'card [REDACTED_PAN] declined for [REDACTED_VPA]', code: 'PROVIDER.DECLINED' },
    });
    expect((lines[0].err as { stack: string }).stack).toContain('card [REDACTED_PAN] declined');
    expect(JSON.stringify(lines)).not.toContain('4242424242424242');
    expect(lines[1]).toMatchObject({ error: { type: 'TypeError', message: 'bad input from [REDACTED_EMAIL]' } });
    expect(lines[2]).toMatchObject({ msg: 'out of range', err: { type: 'RangeError', message: 'out of range' } });
  });
});
