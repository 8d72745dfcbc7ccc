import { randomUUID } from 'node:crypto';
import { RunningSandbox, StripeErrorJson, TEST_SECRET_KEY, control, startTestSandbox } from './sandbox-harness.fixture';

interface Answer {
  status: number;
  headers: Headers;
  body: { id?: string; status?: string; error?: StripeErrorJson; cancellation_reason?: string };
}

describe('the sandbox speaks Stripe’s v1 protocol over plain HTTP', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  async function stripe(method: 'GET' | 'POST', path: string, form: string | null, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_SECRET_KEY}`, ...(form === null ? {} : { 'content-type': 'application/x-www-form-urlencoded' }), ...headers },
      body: form ?? undefined,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }

  const createForm = (orderId: string, amount = '4999') =>
    `amount=${amount}&currency=usd&metadata[order_id]=${orderId}&automatic_payment_methods[enabled]=true`;

  it('answers 401 with a Stripe-shaped error when the API key is missing or not the configured one', async () => {
    const missing = await stripe('POST', '/v1/payment_intents', createForm('ord_x'), { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringMatching(/did not provide an API key/) });
    const wrong = await stripe('POST', '/v1/payment_intents', createForm('ord_x'), { authorization: 'Bearer sk_test_someone_elses_key' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/^Invalid API Key provided: sk_test_\*+_key$/);
  });

  it('accepts the key as Basic auth user name, as curl -u sends it', async () => {
    const basic = `Basic ${Buffer.from(`${TEST_SECRET_KEY}:`).toString('base64')}`;
    expect((await stripe('POST', '/v1/payment_intents', createForm(`ord_${randomUUID()}`), { authorization: basic })).status).toBe(200);
  });

  it('answers 400 naming the parameter when the amount is missing, and saves nothing under the idempotency key', async () => {
    const key = randomUUID();
    const refused = await stripe('POST', '/v1/payment_intents', 'currency=usd', { 'idempotency-key': key });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' });
    const corrected = await stripe('POST', '/v1/payment_intents', createForm(`ord_${randomUUID()}`), { 'idempotency-key': key });
    expect(corrected.status).toBe(200);
  });

  it('replays the first response to a retry with the same key and marks it as replayed', async () => {
    const key = randomUUID();
    const form = createForm(`ord_${randomUUID()}`);
    const first = await stripe('POST', '/v1/payment_intents', form, { 'idempotency-key': key });
    const retry = await stripe('POST', '/v1/payment_intents', form, { 'idempotency-key': key });
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(first.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 400 idempotency_error when a key is reused with other parameters', async () => {
    const key = randomUUID();
    const orderId = `ord_${randomUUID()}`;
    await stripe('POST', '/v1/payment_intents', createForm(orderId), { 'idempotency-key': key });
    const reused = await stripe('POST', '/v1/payment_intents', createForm(orderId, '5000'), { 'idempotency-key': key });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ type: 'idempotency_error', message: expect.stringMatching(/^Keys for idempotent requests can only be used with the same parameters/) });
  });

  it('cancels a PaymentIntent, after which it can be neither paid nor canceled again', async () => {
    const created = await stripe('POST', '/v1/payment_intents', createForm(`ord_${randomUUID()}`), {});
    const canceled = await stripe('POST', `/v1/payment_intents/${created.body.id}/cancel`, 'cancellation_reason=requested_by_customer');
    expect(canceled.body).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    const again = await stripe('POST', `/v1/payment_intents/${created.body.id}/cancel`, '');
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'payment_intent_unexpected_state', message: expect.stringMatching(/status of canceled/) });
    const pay = await control(sandbox, `/_sandbox/stripe/payment_intents/${created.body.id}/pay`);
    expect(pay).toMatchObject({ status: 400, body: { error: { code: 'payment_intent_unexpected_state' } } });
  });

  it('answers 404 resource_missing for an unknown PaymentIntent and 404 for a URL it does not serve', async () => {
    const missing = await stripe('GET', '/v1/payment_intents/pi_missing', null);
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'resource_missing', param: 'intent' } } });
    const unserved = await stripe('POST', '/v1/charges', 'amount=1');
    expect(unserved).toMatchObject({ status: 404, body: { error: { type: 'invalid_request_error', message: expect.stringMatching(/Unrecognized request URL/) } } });
  });

  it('serves a hosted test page with pay, decline and abandon buttons', async () => {
    const created = await stripe('POST', '/v1/payment_intents', createForm(`ord_${randomUUID()}`), {});
    const page = await fetch(`${sandbox.url}/pay/stripe/${created.body.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    for (const action of ['pay', 'decline', 'abandon']) expect(html).toContain(`data-action="${action}"`);
    expect((await fetch(`${sandbox.url}/pay/stripe/pi_missing`)).status).toBe(404);
  });
});
