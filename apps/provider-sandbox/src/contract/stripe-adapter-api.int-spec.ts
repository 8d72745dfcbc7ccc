import { randomUUID } from 'node:crypto';
import { OpenCheckoutInput, ProviderError, StripeAdapter } from '@payments/providers';
import { RunningSandbox, TEST_SECRET_KEY, control, paymentIntentsOfOrder, startTestSandbox } from './sandbox-harness.fixture';

const checkoutFor = (orderId: string, change: Partial<OpenCheckoutInput> = {}): OpenCheckoutInput => ({
  orderId,
  amountMinor: 4999,
  currency: 'USD',
  customerId: 'user-1',
  customerEmail: 'ada@example.com',
  description: 'TypeScript 101 x 1',
  idempotencyKey: `open-${orderId}`,
  ...change,
});

async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('the Stripe adapter against the sandbox, through the official SDK', () => {
  let sandbox: RunningSandbox;
  let adapter: StripeAdapter;
  const adapterWithKey = (secretKey: string) =>
    new StripeAdapter({ secretKey, webhookSecrets: [], apiHost: '127.0.0.1', apiPort: sandbox.port, apiProtocol: 'http', maxNetworkRetries: 0 });

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    adapter = adapterWithKey(TEST_SECRET_KEY);
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('opens a checkout as a PaymentIntent that carries our order id, and returns its id and client secret', async () => {
    const orderId = `ord_${randomUUID()}`;
    const opened = await adapter.openCheckout(checkoutFor(orderId));
    expect(opened).toMatchObject({ provider: 'stripe', status: 'requires_payment_method' });
    expect(opened.providerReference).toMatch(/^pi_/);
    expect(opened.clientSecret).toMatch(new RegExp(`^${opened.providerReference}_secret_`));

    const [intent] = await paymentIntentsOfOrder(sandbox, orderId);
    expect(intent).toMatchObject({
      id: opened.providerReference, amount: 4999, currency: 'usd', description: 'TypeScript 101 x 1', receipt_email: 'ada@example.com',
      metadata: { order_id: orderId, customer_id: 'user-1' }, automatic_payment_methods: { enabled: true },
    });
  });

  it('replays the same PaymentIntent for the same idempotency key and parameters, creating only one', async () => {
    const orderId = `ord_${randomUUID()}`;
    const first = await adapter.openCheckout(checkoutFor(orderId));
    const retry = await adapter.openCheckout(checkoutFor(orderId));
    expect(retry).toEqual(first);
    expect(await paymentIntentsOfOrder(sandbox, orderId)).toHaveLength(1);
  });

  it('refuses the same idempotency key with another amount as an idempotency conflict, not worth retrying', async () => {
    const orderId = `ord_${randomUUID()}`;
    await adapter.openCheckout(checkoutFor(orderId));
    const error = await providerErrorOf(adapter.openCheckout(checkoutFor(orderId, { amountMinor: 5999 })));
    expect(error).toMatchObject({ code: 'PROVIDER.IDEMPOTENCY_CONFLICT', retryable: false });
    expect(await paymentIntentsOfOrder(sandbox, orderId)).toHaveLength(1);
  });

  it('reports a wrong secret key as an authentication error', async () => {
    const error = await providerErrorOf(adapterWithKey('sk_test_wrong_key_000000').openCheckout(checkoutFor(`ord_${randomUUID()}`)));
    expect(error).toMatchObject({ code: 'PROVIDER.AUTHENTICATION', retryable: false });
  });

  it('reports an amount Stripe refuses as an invalid request, and creates nothing', async () => {
    const orderId = `ord_${randomUUID()}`;
    const error = await providerErrorOf(adapter.openCheckout(checkoutFor(orderId, { amountMinor: 0 })));
    expect(error).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', retryable: false, providerCode: 'parameter_invalid_integer' });
    expect(await paymentIntentsOfOrder(sandbox, orderId)).toHaveLength(0);
  });

  it('refuses a fractional amount or an unknown currency before calling Stripe', async () => {
    const orderId = `ord_${randomUUID()}`;
    await expect(providerErrorOf(adapter.openCheckout(checkoutFor(orderId, { amountMinor: 49.99 })))).resolves.toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
    await expect(providerErrorOf(adapter.openCheckout(checkoutFor(orderId, { currency: 'usd' })))).resolves.toMatchObject({ code: 'PROVIDER.INVALID_REQUEST' });
    expect(await paymentIntentsOfOrder(sandbox, orderId)).toHaveLength(0);
  });

  it('retrieves a payment as requested, then as received once the customer paid', async () => {
    const orderId = `ord_${randomUUID()}`;
    const opened = await adapter.openCheckout(checkoutFor(orderId, { amountMinor: 120_000, currency: 'INR' }));
    await expect(adapter.retrievePayment(opened.providerReference)).resolves.toEqual({
      status: 'requires_payment_method', amountMinor: 120_000, currency: 'INR', orderId, paid: false, paymentId: null,
    });
    expect((await control(sandbox, `/_sandbox/stripe/payment_intents/${opened.providerReference}/pay`)).status).toBe(200);
    await expect(adapter.retrievePayment(opened.providerReference)).resolves.toEqual({
      status: 'succeeded', amountMinor: 120_000, currency: 'INR', orderId, paid: true, paymentId: opened.providerReference,
    });
  });

  it('reports an unknown PaymentIntent as an invalid request', async () => {
    const error = await providerErrorOf(adapter.retrievePayment('pi_does_not_exist'));
    expect(error).toMatchObject({ code: 'PROVIDER.INVALID_REQUEST', providerCode: 'resource_missing' });
  });
});
