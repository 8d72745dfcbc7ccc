import { randomUUID } from 'node:crypto';
import { eventually } from '@payments/testing';
import { cashfreeAdapterFor, cashfreeControl, cashfreeDeliveries, cashfreeWebhookLog, inrCheckout } from './cashfree-harness.fixture';
import { ReceivedWebhook, RunningSandbox, WebhookReceiver, control, eventsOf, startTestSandbox, startWebhookReceiver } from './sandbox-harness.fixture';
import { paidPaymentIntent, paymentIntentForm, stripeCall } from './stripe-sandbox-calls.fixture';

/**
 * Holds back the answer to every delivery `matches` picks until `copies` of them have arrived (or
 * `patienceMs` passed): copies sent one after another cannot all arrive while the first waits for its answer.
 */
function holdAnswersUntil(receiver: WebhookReceiver, copies: number, matches: (webhook: ReceivedWebhook) => boolean, patienceMs = 2_000) {
  const held: ReceivedWebhook[] = [];
  let openedBy: 'all copies' | 'patience' | undefined;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const patience = setTimeout(() => {
    openedBy ??= 'patience';
    open();
  }, patienceMs);
  receiver.answer = async (webhook) => {
    if (!matches(webhook)) return 200;
    held.push(webhook);
    if (held.length === copies) {
      openedBy ??= 'all copies';
      clearTimeout(patience);
      open();
    }
    await opened;
    return 200;
  };
  return { held, opened: opened.then(() => openedBy) };
}

describe('webhook fault knobs: concurrent duplicates and per-run fault rates', () => {
  let receiver: WebhookReceiver;
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startTestSandbox({ webhookUrl: receiver.url, cashfreeWebhookUrl: receiver.url });
  });

  afterEach(async () => {
    receiver.answer = () => 200;
    await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
  });

  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const newPaymentIntent = async () =>
    (await stripeCall<{ id: string }>(sandbox, 'POST', '/v1/payment_intents', paymentIntentForm(`ord_${randomUUID()}`))).body.id;
  const succeededOf = (paymentIntentId: string) => (webhook: ReceivedWebhook) =>
    webhook.json.type === 'payment_intent.succeeded' && webhook.json.data.object.id === paymentIntentId;
  const newCashfreeOrder = async () => {
    const orderId = randomUUID();
    await cashfreeAdapterFor(sandbox).openCheckout(inrCheckout(orderId));
    return orderId;
  };
  const setRunFaults = (faults: unknown) => control(sandbox, '/_sandbox/faults', { faults });

  it('sends concurrent duplicates all at once: every copy reaches the receiver before any copy is answered', async () => {
    const paymentIntentId = await newPaymentIntent();
    const gate = holdAnswersUntil(receiver, 3, succeededOf(paymentIntentId));
    await control(sandbox, `/_sandbox/stripe/payment_intents/${paymentIntentId}/pay`, { faults: { duplicate: 3, concurrentDuplicates: true } });
    expect(await gate.opened).toBe('all copies');
    expect(new Set(gate.held.map((copy) => copy.json.id)).size).toBe(1);
    const event = await eventually(async () => {
      const [logged] = await eventsOf(sandbox, paymentIntentId, 'payment_intent.succeeded');
      return logged?.status === 'delivered' ? logged : undefined;
    }, 10_000, 'all three copies delivered');
    expect(event.attempts.map(({ copy, attempt, outcome }) => ({ copy, attempt, outcome })).sort((a, b) => a.copy - b.copy)).toEqual([
      { copy: 1, attempt: 1, outcome: 'delivered' }, { copy: 2, attempt: 1, outcome: 'delivered' }, { copy: 3, attempt: 1, outcome: 'delivered' },
    ]);
  });

  it('sends plain duplicates one after another: the second copy waits for the first answer', async () => {
    const paymentIntentId = await newPaymentIntent();
    const gate = holdAnswersUntil(receiver, 2, succeededOf(paymentIntentId), 1_000);
    await control(sandbox, `/_sandbox/stripe/payment_intents/${paymentIntentId}/pay`, { faults: { duplicate: 2 } });
    expect(await gate.opened).toBe('patience');
    expect(gate.held).toHaveLength(1);
    await eventually(async () => (receiver.received.filter(succeededOf(paymentIntentId)).length === 2 ? true : undefined), 10_000, 'the second copy');
  });

  it('applies the run’s fault rates to Stripe and Cashfree webhooks alike', async () => {
    expect((await setRunFaults({ duplicateRate: 1, concurrentDuplicates: true, seed: 5 })).status).toBe(200);
    expect((await (await fetch(`${sandbox.url}/_sandbox/faults`)).json())).toEqual({ faults: { duplicateRate: 1, concurrentDuplicates: true, seed: 5 } });
    const paymentIntentId = await paidPaymentIntent(sandbox, `ord_${randomUUID()}`);
    const orderId = await newCashfreeOrder();
    await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'upi' });

    await eventually(async () => (receiver.received.filter(succeededOf(paymentIntentId)).length === 2 ? true : undefined), 10_000, 'two Stripe copies');
    await eventually(async () => (cashfreeDeliveries(receiver, orderId, 'PAYMENT_SUCCESS_WEBHOOK').length === 2 ? true : undefined), 10_000, 'two Cashfree copies');
    const [stripeEvent] = await eventsOf(sandbox, paymentIntentId, 'payment_intent.succeeded');
    const [cashfreeWebhook] = await cashfreeWebhookLog(sandbox, orderId, 'PAYMENT_SUCCESS_WEBHOOK');
    expect(stripeEvent).toMatchObject({ faults: { duplicate: 2, concurrentDuplicates: true } });
    expect(cashfreeWebhook).toMatchObject({ faults: { duplicate: 2, concurrentDuplicates: true } });
  });

  it('reorders Cashfree webhooks by rate: a declined attempt’s webhook arrives after the success that followed it', async () => {
    await setRunFaults({ reorderRate: 1, reorderHoldMs: 5_000 });
    const orderId = await newCashfreeOrder();
    await cashfreeControl(sandbox, `/orders/${orderId}/decline`, { paymentMethod: 'upi' });
    await cashfreeControl(sandbox, `/orders/${orderId}/pay`, { paymentMethod: 'netbanking' });
    const types = ['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_FAILED_WEBHOOK'];
    const arrived = await eventually(async () => {
      const ofOrder = receiver.received.filter((webhook) => types.some((type) => cashfreeDeliveries(receiver, orderId, type).includes(webhook)));
      return ofOrder.length === 2 ? ofOrder.map((webhook) => webhook.json.type) : undefined;
    }, 10_000, 'both Cashfree webhooks');
    expect(arrived).toEqual(['PAYMENT_SUCCESS_WEBHOOK', 'PAYMENT_FAILED_WEBHOOK']);
  });

  it('draws the same faults again for the same seed and the same events', async () => {
    const faultsOfTenPayments = async () => {
      await setRunFaults({ duplicateRate: 0.3, reorderRate: 0.3, dropFirstAttemptRate: 0.3, reorderHoldMs: 100, seed: 2024 });
      const drawn: unknown[] = [];
      for (let payment = 0; payment < 10; payment += 1) {
        const paymentIntentId = await paidPaymentIntent(sandbox, `ord_${randomUUID()}`);
        drawn.push(...(await eventsOf(sandbox, paymentIntentId)).map((event) => event.faults));
      }
      return drawn;
    };
    const first = await faultsOfTenPayments();
    expect(await faultsOfTenPayments()).toEqual(first);
    expect(first.filter((faults) => Object.keys(faults as object).length > 0).length).toBeGreaterThan(0);
  });

  it('refuses a rate outside 0..1 with a 400 and keeps the faults in force', async () => {
    await setRunFaults({ duplicateRate: 0.1 });
    const refused = await setRunFaults({ duplicateRate: 2 });
    expect(refused).toMatchObject({ status: 400, body: { error: { param: 'faults', message: expect.stringMatching(/duplicateRate must be a number from 0 to 1/) } } });
    expect((await (await fetch(`${sandbox.url}/_sandbox/faults`)).json())).toEqual({ faults: { duplicateRate: 0.1 } });
  });
});
