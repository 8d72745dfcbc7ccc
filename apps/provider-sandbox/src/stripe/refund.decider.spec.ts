import { RefundStatus, SandboxRefund, newRefund, refundedAmount } from './refund';
import { RefundCommand, decide, refundableAmount } from './refund.decider';

const pending = newRefund({
  id: 're_1', amount: 1000, chargeId: 'ch_1', paymentIntentId: 'pi_1', currency: 'usd', reason: null,
  metadata: { order_id: 'ord_1', refund_id: 'rf_1' }, status: 'pending', balanceTransaction: 'txn_1', createdAt: 1_732_300_000,
});
const inStatus = (status: RefundStatus): SandboxRefund => ({ ...pending, status });
const succeed: RefundCommand = { type: 'Succeed' };
const fail: RefundCommand = { type: 'Fail', failureReason: 'expired_or_canceled_card', failureBalanceTransaction: 'txn_2' };

describe('the refund state machine', () => {
  it('given a pending refund, when the network confirms it, then it has succeeded and emits refund.updated', () => {
    expect(decide(pending, succeed)).toEqual({ ok: true, refund: { ...pending, status: 'succeeded' }, emits: ['refund.updated'] });
  });

  it('given a pending refund, when it fails, then it has failed with its reason and emits refund.updated and refund.failed', () => {
    expect(decide(pending, fail)).toEqual({
      ok: true,
      refund: { ...pending, status: 'failed', failure_reason: 'expired_or_canceled_card', failure_balance_transaction: 'txn_2' },
      emits: ['refund.updated', 'refund.failed'],
    });
  });

  it('creates a refund without failure fields, as Stripe omits them until it fails', () => {
    expect(pending).not.toHaveProperty('failure_reason');
  });

  it.each([
    ['succeeded', succeed], ['succeeded', fail], ['failed', succeed], ['failed', fail],
  ] as const)('refuses, in status %s, the command %p', (status, command) => {
    expect(decide(inStatus(status), command)).toEqual({ ok: false, refused: command.type, status });
  });

  it('counts pending and succeeded refunds as refunded, and gives a failed one back', () => {
    expect(refundedAmount([pending, { ...pending, status: 'succeeded', amount: 500 }, { ...pending, status: 'failed', amount: 300 }])).toBe(1500);
  });
});

describe('how much a new refund takes', () => {
  const paid = { succeeded: true, amountReceived: 4999, alreadyRefunded: 1000 };

  it('takes the amount asked when it fits in what is left', () => {
    expect(refundableAmount(paid, 3999)).toEqual({ ok: true, amount: 3999 });
  });

  it('takes all that is left when no amount is given', () => {
    expect(refundableAmount(paid, null)).toEqual({ ok: true, amount: 3999 });
  });

  it('refuses more than is left, saying how much is', () => {
    expect(refundableAmount(paid, 4000)).toEqual({ ok: false, reason: 'amount_too_large', requested: 4000, remaining: 3999 });
  });

  it('refuses a payment refunded in full, whatever the amount', () => {
    expect(refundableAmount({ ...paid, alreadyRefunded: 4999 }, null)).toEqual({ ok: false, reason: 'already_refunded' });
    expect(refundableAmount({ ...paid, alreadyRefunded: 4999 }, 1)).toEqual({ ok: false, reason: 'already_refunded' });
  });

  it('refuses a payment that has not succeeded', () => {
    expect(refundableAmount({ succeeded: false, amountReceived: 0, alreadyRefunded: 0 }, 100)).toEqual({ ok: false, reason: 'payment_not_succeeded' });
  });
});
