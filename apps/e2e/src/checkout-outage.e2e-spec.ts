import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, startE2eSystem } from './e2e-system';
import { COURSE, COURSE_USD_MINOR, TRUSTING_LOCAL_PROXY, call, checkout, newUser } from './gateway-http.fixture';

const sandbox = E2E_URLS.sandbox;

describe('checkout down: the gateway answers 504 instead of hanging, and the retry with the same key opens one session', () => {
  let e2e: E2eSystem;

  beforeAll(async () => {
    e2e = await startE2eSystem({ ...TRUSTING_LOCAL_PROXY, CHECKOUT_REPLY_TIMEOUT_MS: '1500' });
  });

  afterAll(async () => {
    await e2e?.stop();
  });

  it('answers 504 CHECKOUT.TIMEOUT while checkout is down (SIGKILL); once it is back the same key returns the one order it opened', async () => {
    const userId = newUser();
    const token = await bearerFor(userId);
    const key = randomUUID();
    await e2e.system.killApp('checkout');

    const timedOut = await checkout(token, key, COURSE);
    expect(timedOut.status).toBe(504);
    expect(timedOut.body.error).toEqual({ code: 'CHECKOUT.TIMEOUT', message: expect.stringMatching(/same Idempotency-Key/) });

    await e2e.system.startApp('checkout');
    // The request waited on checkout.commands: the restarted checkout opens its order, answering nobody.
    const { rows: [opened] } = await eventually(async () => {
      const result = await e2e.db.query(`SELECT order_id, total_minor FROM checkout.orders WHERE user_id = $1`, [userId]);
      return result.rowCount === 1 ? result : undefined;
    }, 60_000, 'the order opened after the restart');

    const retried = await checkout(token, key, COURSE);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ orderId: opened.order_id, amountMinor: COURSE_USD_MINOR, currency: 'USD', provider: 'stripe' });
    const again = await checkout(token, key, COURSE);
    expect(again.text).toBe(retried.text);

    const intents = (await (await fetch(`${sandbox}/_sandbox/stripe/payment_intents?order_id=${opened.order_id}`)).json()) as { data: unknown[] };
    expect(intents.data).toHaveLength(1);
    const { rows } = await e2e.db.query(`SELECT count(*)::int AS n FROM checkout.orders WHERE user_id = $1`, [userId]);
    expect(rows[0].n).toBe(1);
    const listed = await eventually(async () => {
      const answer = await call('GET', '/api/orders', { token });
      return (answer.body.orders as unknown[] | undefined)?.length === 1 ? answer : undefined;
    }, 30_000, 'the order in the gateway read model');
    expect(listed.body.orders).toMatchObject([{ orderId: opened.order_id }]);
  });
});
