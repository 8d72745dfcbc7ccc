import { newPaymentIntent, PaymentIntentStatus, SandboxPaymentIntent } from './payment-intent';
import { decide, PaymentIntentCommand, statusesAllowing } from './payment-intent.decider';

const created = newPaymentIntent('pi_1', {
  amount: 4999, currency: 'usd', description: 'Course', metadata: { order_id: 'ord_1' }, receiptEmail: null,
  automaticPaymentMethods: true, paymentMethodTypes: [],
}, 1_732_300_000);
const inStatus = (status: PaymentIntentStatus): SandboxPaymentIntent => ({ ...created, status });

const pay: PaymentIntentCommand = { type: 'Pay', chargeId: 'ch_1', paymentMethodId: 'pm_1' };
const decline: PaymentIntentCommand = { type: 'Decline', chargeId: 'ch_2', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' };
const cancel: PaymentIntentCommand = { type: 'Cancel', reason: 'abandoned', at: 1_732_300_600 };

describe('the PaymentIntent state machine', () => {
  it('creates a PaymentIntent waiting for a payment method, with nothing received yet', () => {
    expect(created).toMatchObject({ status: 'requires_payment_method', amount: 4999, amount_received: 0, latest_charge: null });
    expect(created.client_secret).toMatch(/^pi_1_secret_\w+$/);
  });

  it('given a payable intent, when it is paid, then it has succeeded, received the whole amount and emits payment_intent.succeeded', () => {
    const decision = decide(created, pay);
    expect(decision).toMatchObject({ ok: true, emits: 'payment_intent.succeeded' });
    expect(decision.ok && decision.intent).toMatchObject({ status: 'succeeded', amount_received: 4999, latest_charge: 'ch_1', payment_method: 'pm_1', last_payment_error: null });
  });

  it('given a payable intent, when the card is declined, then it stays payable with the decline recorded and emits payment_intent.payment_failed', () => {
    const decision = decide(created, decline);
    expect(decision).toMatchObject({ ok: true, emits: 'payment_intent.payment_failed' });
    expect(decision.ok && decision.intent).toMatchObject({
      status: 'requires_payment_method', amount_received: 0, latest_charge: 'ch_2',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', charge: 'ch_2' },
    });
  });

  it('given a declined intent, when it is paid, then it succeeds and the decline is cleared', () => {
    const declined = decide(created, decline);
    const paid = declined.ok ? decide(declined.intent, pay) : declined;
    expect(paid.ok && paid.intent).toMatchObject({ status: 'succeeded', last_payment_error: null });
  });

  it('given a payable intent, when it is canceled, then it is canceled with the time and reason and emits payment_intent.canceled', () => {
    const decision = decide(created, cancel);
    expect(decision).toMatchObject({ ok: true, emits: 'payment_intent.canceled' });
    expect(decision.ok && decision.intent).toMatchObject({ status: 'canceled', canceled_at: 1_732_300_600, cancellation_reason: 'abandoned' });
  });

  it.each([
    ['succeeded', pay], ['succeeded', decline], ['succeeded', cancel],
    ['canceled', pay], ['canceled', decline], ['canceled', cancel],
  ] as const)('refuses, in status %s, the command %p', (status, command) => {
    expect(decide(inStatus(status), command)).toEqual({ ok: false, refused: command.type, status, allowedFrom: ['requires_payment_method'] });
  });

  it('names the statuses from which each command is allowed', () => {
    expect(['Pay', 'Decline', 'Cancel'].map((command) => statusesAllowing(command as PaymentIntentCommand['type']))).toEqual([
      ['requires_payment_method'], ['requires_payment_method'], ['requires_payment_method'],
    ]);
  });
});
