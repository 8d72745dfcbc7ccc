import { randomUUID } from 'node:crypto';
import { CashfreeOrderJson, cashfreeApi, cashfreeControl } from './cashfree-harness.fixture';
import { RunningSandbox, startTestSandbox } from './sandbox-harness.fixture';

const orderBody = (orderId: string, amount = 170) => ({
  order_id: orderId,
  order_amount: amount,
  order_currency: 'INR',
  customer_details: { customer_id: 'user42', customer_phone: '9999999999' },
  order_tags: { order_id: orderId },
});
const newOrderId = () => `ord_${randomUUID().slice(0, 8)}`;

describe('the sandbox speaks Cashfree PG’s protocol over plain HTTP', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('creates an ACTIVE order with a payment session and writes its amount as a decimal, 170.00', async () => {
    const orderId = newOrderId();
    const created = await cashfreeApi<CashfreeOrderJson>(sandbox, 'POST', '/orders', orderBody(orderId));
    expect(created.status).toBe(200);
    expect(created.raw).toContain('"order_amount":170.00');
    expect(created.body).toMatchObject({ order_id: orderId, order_status: 'ACTIVE', order_currency: 'INR', order_tags: { order_id: orderId } });
    expect(created.body.payment_session_id).toMatch(/^session_/);
    expect(created.body.cf_order_id).toMatch(/^\d+$/);
    expect(created.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 401 in Cashfree’s error shape when the app id or the secret is missing or wrong', async () => {
    const wrongCredentials: Record<string, string>[] = [{ 'x-client-secret': 'cfsk_test_wrong' }, { 'x-client-id': 'someone-else' }, { 'x-client-id': '' }];
    for (const headers of wrongCredentials) {
      const refused = await cashfreeApi(sandbox, 'POST', '/orders', orderBody(newOrderId()), headers);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ message: 'authentication Failed', code: 'request_failed', type: 'authentication_error' });
    }
  });

  it('requires x-api-version', async () => {
    const refused = await cashfreeApi(sandbox, 'GET', '/orders/ord_x', undefined, { 'x-api-version': '' });
    expect(refused).toMatchObject({ status: 400, body: { type: 'invalid_request_error', message: 'x-api-version : is missing in the request' } });
  });

  it('answers 400 naming the field when a body is invalid, and keeps nothing under the idempotency key', async () => {
    const key = randomUUID();
    const orderId = newOrderId();
    const refused = await cashfreeApi(sandbox, 'POST', '/orders', { ...orderBody(orderId), order_amount: 170.005 }, { 'x-idempotency-key': key });
    expect(refused).toMatchObject({ status: 400, body: { code: 'order_amount_invalid', type: 'invalid_request_error' } });
    const corrected = await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId), { 'x-idempotency-key': key });
    expect(corrected.status).toBe(200);
  });

  it('replays the first answer to a retry with the same key and body, marked as replayed', async () => {
    const key = randomUUID();
    const body = orderBody(newOrderId());
    const first = await cashfreeApi(sandbox, 'POST', '/orders', body, { 'x-idempotency-key': key });
    const retry = await cashfreeApi(sandbox, 'POST', '/orders', body, { 'x-idempotency-key': key });
    expect(retry.status).toBe(200);
    expect(retry.raw).toBe(first.raw);
    expect(retry.headers.get('x-idempotency-replayed')).toBe('true');
    expect(first.headers.get('x-idempotency-replayed')).toBeNull();
  });

  it('answers 422 idempotency_error when a key is reused with another body', async () => {
    const key = randomUUID();
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId), { 'x-idempotency-key': key });
    const reused = await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId, 171), { 'x-idempotency-key': key });
    expect(reused).toMatchObject({ status: 422, body: { type: 'idempotency_error', code: 'request_invalid' } });
  });

  it('keeps answers under an idempotency key that is not a UUID, and refuses one longer than 255 characters', async () => {
    const key = `order-${randomUUID()}-open`;
    const body = orderBody(newOrderId());
    const first = await cashfreeApi(sandbox, 'POST', '/orders', body, { 'x-idempotency-key': key });
    const retry = await cashfreeApi(sandbox, 'POST', '/orders', body, { 'x-idempotency-key': key });
    expect([first.status, retry.raw, retry.headers.get('x-idempotency-replayed')]).toEqual([200, first.raw, 'true']);
    const refused = await cashfreeApi(sandbox, 'POST', '/orders', orderBody(newOrderId()), { 'x-idempotency-key': 'k'.repeat(256) });
    expect(refused).toMatchObject({ status: 400, body: { message: 'x-idempotency-key : should be 1 to 255 printable characters' } });
  });

  it('accepts an order id of 50 characters and a customer id with "_" and "-"', async () => {
    const orderId = `ord_${randomUUID().replace(/-/g, '')}`.padEnd(50, 'x');
    const created = await cashfreeApi<CashfreeOrderJson>(sandbox, 'POST', '/orders', {
      ...orderBody(orderId), customer_details: { customer_id: 'node_sdk-test_42', customer_phone: '9999999999' },
    });
    expect(created).toMatchObject({ status: 200, body: { order_id: orderId, customer_details: { customer_id: 'node_sdk-test_42' } } });
  });

  it('answers 409 order_already_exists for an order id used before, without a key', async () => {
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    const again = await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    expect(again).toMatchObject({ status: 409, body: { code: 'order_already_exists', type: 'invalid_request_error' } });
  });

  it('lists each attempt with its own cf_payment_id, and keeps the order ACTIVE until one succeeds', async () => {
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    await cashfreeControl(sandbox, `/orders/${orderId}/decline`, { paymentMethod: 'upi' });
    expect((await cashfreeApi<CashfreeOrderJson>(sandbox, 'GET', `/orders/${orderId}`)).body.order_status).toBe('ACTIVE');
    await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'wallet' });
    const payments = await cashfreeApi<{ cf_payment_id: string; payment_status: string; payment_group: string }[]>(sandbox, 'GET', `/orders/${orderId}/payments`);
    expect(payments.body.map(({ payment_status, payment_group }) => [payment_status, payment_group])).toEqual([['FAILED', 'upi'], ['SUCCESS', 'wallet']]);
    expect(new Set(payments.body.map((payment) => payment.cf_payment_id)).size).toBe(2);
    expect(payments.raw).toContain('"payment_amount":170.00');
    const one = await cashfreeApi(sandbox, 'GET', `/orders/${orderId}/payments/${payments.body[1].cf_payment_id}`);
    expect(one.body).toMatchObject({ payment_status: 'SUCCESS', is_captured: true });
    expect((await cashfreeApi<CashfreeOrderJson>(sandbox, 'GET', `/orders/${orderId}`)).body.order_status).toBe('PAID');
  });

  it('terminates an ACTIVE order, after which it can be neither paid nor terminated again', async () => {
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    const terminated = await cashfreeApi(sandbox, 'PATCH', `/orders/${orderId}`, { order_status: 'TERMINATED' });
    expect(terminated.body).toMatchObject({ order_status: 'TERMINATED' });
    expect(await cashfreeControl(sandbox, `/orders/${orderId}/pay`)).toMatchObject({ status: 400, body: { code: 'order_not_active' } });
    expect(await cashfreeApi(sandbox, 'PATCH', `/orders/${orderId}`, { order_status: 'TERMINATED' })).toMatchObject({ status: 400 });
  });

  it('answers 404 order_not_found for an unknown order, and a Cashfree-shaped 404 or 400 for an unknown URL or broken JSON', async () => {
    expect(await cashfreeApi(sandbox, 'GET', '/orders/ord_missing')).toMatchObject({ status: 404, body: { code: 'order_not_found' } });
    expect(await cashfreeApi(sandbox, 'GET', '/links/x')).toMatchObject({ status: 404, body: { type: 'invalid_request_error', message: 'bad URL, please check API documentation' } });
    expect(await cashfreeApi(sandbox, 'POST', '/orders', '{"order_amount":')).toMatchObject({ status: 400, body: { type: 'invalid_request_error' } });
  });

  it('serves a hosted checkout with UPI, netbanking and wallet, and pay, decline and abandon', async () => {
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    const page = await fetch(`${sandbox.url}/pay/cashfree/${orderId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const method of ['upi', 'netbanking', 'wallet']) expect(html).toContain(`value="${method}"`);
    for (const action of ['pay', 'decline', 'abandon']) expect(html).toContain(`data-action="${action}"`);
    expect((await fetch(`${sandbox.url}/pay/cashfree/ord_missing`)).status).toBe(404);
  });

  it('refuses an unknown payment method or fault on the control endpoint', async () => {
    const orderId = newOrderId();
    await cashfreeApi(sandbox, 'POST', '/orders', orderBody(orderId));
    expect(await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'card' })).toMatchObject({ status: 400, body: { code: 'paymentMethod_invalid' } });
    expect(await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { faults: { shuffle: true } })).toMatchObject({ status: 400, body: { code: 'faults_invalid' } });
  });
});
