import { CashfreeOrderStatus, SandboxCashfreeOrder, newCashfreeOrder } from './cashfree-order';
import { CashfreeOrderCommand, ORDER_TRANSITIONS, decide } from './cashfree-order.decider';

const now = new Date('2024-11-22T18:00:00Z');
const created = newCashfreeOrder({ orderId: 'ord_1', cfOrderId: '2149460581', paymentSessionId: 'session_1' }, {
  orderId: 'ord_1', amountMinor: 58882, currency: 'INR', customer: { id: 'user42', phone: '9999999999', email: null, name: null },
  returnUrl: null, notifyUrl: null, paymentMethods: null, tags: { order_id: 'ord_1' }, note: null, expiresAt: null,
}, now);
const inStatus = (status: CashfreeOrderStatus): SandboxCashfreeOrder => ({ ...created, status });
const at = new Date('2024-11-22T18:05:00Z');

const pay: CashfreeOrderCommand = { type: 'Pay', cfPaymentId: '5114910', method: 'netbanking', at, bankReference: '234928698581' };
const decline: CashfreeOrderCommand = {
  type: 'Decline', cfPaymentId: '5114909', method: 'upi', at,
  error: { code: 'TRANSACTION_DECLINED', description: 'issuer bank declined the transaction', reason: 'insufficient_funds', source: 'bank' },
};
const abandon: CashfreeOrderCommand = { type: 'Abandon', cfPaymentId: '5114908', method: 'wallet', at };
const terminate: CashfreeOrderCommand = { type: 'Terminate' };
const expire: CashfreeOrderCommand = { type: 'Expire' };

describe('the Cashfree order state machine', () => {
  it('creates an ACTIVE order without attempts, payable for 30 days', () => {
    expect(created).toMatchObject({ status: 'ACTIVE', attempts: [], refunds: [], expiresAt: new Date('2024-12-22T18:00:00Z') });
  });

  it('given an ACTIVE order, when it is paid, then it is PAID with a SUCCESS attempt of the whole amount and emits the success webhook', () => {
    const decision = decide(created, pay);
    expect(decision).toMatchObject({ ok: true, emits: 'PAYMENT_SUCCESS_WEBHOOK', order: { status: 'PAID' } });
    expect(decision.ok && decision.attempt).toEqual({
      cfPaymentId: '5114910', status: 'SUCCESS', amountMinor: 58882, method: 'netbanking', message: 'Transaction success', at, bankReference: '234928698581', error: null,
    });
  });

  it('given an ACTIVE order, when an attempt is declined, then the order stays ACTIVE with a FAILED attempt and emits the failed webhook', () => {
    const decision = decide(created, decline);
    expect(decision).toMatchObject({ ok: true, emits: 'PAYMENT_FAILED_WEBHOOK', order: { status: 'ACTIVE' } });
    expect(decision.ok && decision.attempt).toMatchObject({ status: 'FAILED', error: { code: 'TRANSACTION_DECLINED' } });
  });

  it('given an ACTIVE order, when the customer drops an attempt, then the order stays ACTIVE with a USER_DROPPED attempt and emits the user-dropped webhook', () => {
    const decision = decide(created, abandon);
    expect(decision).toMatchObject({ ok: true, emits: 'PAYMENT_USER_DROPPED_WEBHOOK', order: { status: 'ACTIVE' }, attempt: { status: 'USER_DROPPED' } });
  });

  it('given an order with a declined and a dropped attempt, when it is paid, then it is PAID with all three attempts kept in order', () => {
    const declined = decide(created, decline);
    const dropped = declined.ok ? decide(declined.order, abandon) : declined;
    const paid = dropped.ok ? decide(dropped.order, pay) : dropped;
    expect(paid.ok && paid.order.status).toBe('PAID');
    expect(paid.ok && paid.order.attempts.map((attempt) => [attempt.cfPaymentId, attempt.status])).toEqual([
      ['5114909', 'FAILED'], ['5114908', 'USER_DROPPED'], ['5114910', 'SUCCESS'],
    ]);
  });

  it('given an ACTIVE order, when the merchant terminates it or it expires, then it is TERMINATED or EXPIRED and nothing is sent', () => {
    expect(decide(created, terminate)).toMatchObject({ ok: true, order: { status: 'TERMINATED' }, attempt: null, emits: null });
    expect(decide(created, expire)).toMatchObject({ ok: true, order: { status: 'EXPIRED' }, attempt: null, emits: null });
  });

  it.each([
    ['PAID', pay], ['PAID', decline], ['PAID', abandon], ['PAID', terminate], ['PAID', expire],
    ['EXPIRED', pay], ['EXPIRED', decline], ['EXPIRED', abandon], ['EXPIRED', terminate], ['EXPIRED', expire],
    ['TERMINATED', pay], ['TERMINATED', decline], ['TERMINATED', abandon], ['TERMINATED', terminate], ['TERMINATED', expire],
  ] as const)('refuses, in status %s, the command %p', (status, command) => {
    expect(decide(inStatus(status), command)).toEqual({ ok: false, refused: command.type, status });
  });

  it('lists transitions out of ACTIVE only', () => {
    expect(Object.entries(ORDER_TRANSITIONS).map(([status, commands]) => [status, Object.keys(commands)])).toEqual([
      ['ACTIVE', ['Pay', 'Decline', 'Abandon', 'Terminate', 'Expire']], ['PAID', []], ['EXPIRED', []], ['TERMINATED', []],
    ]);
  });
});
