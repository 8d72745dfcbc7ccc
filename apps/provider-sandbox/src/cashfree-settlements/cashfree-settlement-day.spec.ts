import { SandboxCashfreeOrder, newCashfreeOrder } from '../cashfree/cashfree-order';
import { decide } from '../cashfree/cashfree-order.decider';
import { requestRefund, settleRefund } from '../cashfree/cashfree-refund.decider';
import { CASHFREE_FEE_RULES } from '../cashfree/cashfree-settlement.fees';
import { SandboxCashfreeDispute, newDispute } from '../cashfree-disputes/cashfree-dispute';
import { decide as decideDispute } from '../cashfree-disputes/cashfree-dispute.decider';
import { eventSettlementAmount, signedSettlementAmount } from './cashfree-recon-event';
import { reconEventsOfDay } from './cashfree-recon-events';
import { settlementTotals, settlementWindow } from './cashfree-settlement';
import { applyDiscrepancies, parseDiscrepancies } from './cashfree-settlement-discrepancies';

const at = (iso: string) => new Date(iso);
let lastId = 5_000;
const nextId = () => String((lastId += 1));

function paidOrder(orderId: string, amountMinor: number, method: 'upi' | 'netbanking' | 'wallet', paidAt: string): SandboxCashfreeOrder {
  const customer = { id: 'user_42', phone: '9999999999', email: 'ada@example.com', name: 'Ada' };
  const params = { orderId, amountMinor, currency: 'INR' as const, customer, returnUrl: null, notifyUrl: null, paymentMethods: null, tags: null, note: null, expiresAt: null };
  const order = newCashfreeOrder({ orderId, cfOrderId: nextId(), paymentSessionId: `session_${orderId}` }, params, at('2024-11-22T00:00:00Z'));
  const paid = decide(order, { type: 'Pay', cfPaymentId: nextId(), method, at: at(paidAt), bankReference: nextId() });
  if (!paid.ok) throw new Error(`could not pay ${orderId}`);
  return paid.order;
}

function refunded(order: SandboxCashfreeOrder, refundId: string, amountMinor: number, processedAt: string): SandboxCashfreeOrder {
  const requested = requestRefund(order, { refundId, amountMinor, note: 'partial', speed: 'STANDARD' }, nextId(), at(processedAt));
  const settled = requested.ok ? settleRefund(requested.order, refundId, 'SUCCESS', at(processedAt)) : requested;
  if (!settled.ok) throw new Error(`could not refund ${order.orderId}`);
  return settled.order;
}

function chargeback(order: SandboxCashfreeOrder, disputeId: string, openedAt: string, outcome?: { outcome: 'won' | 'lost'; at: string }): SandboxCashfreeDispute {
  const opened = newDispute(
    { disputeId, orderId: order.orderId, cfPaymentId: order.attempts[0].cfPaymentId, fee: { feeMinor: 50_000, taxOnFeeMinor: 9_000 } },
    { type: 'CHARGEBACK', amountMinor: order.amountMinor, reasonCode: '13.1' }, at(openedAt),
  );
  if (!outcome) return opened;
  const decided = decideDispute(opened, { type: 'Resolve', outcome: outcome.outcome, at: at(outcome.at) });
  if (!decided.ok) throw new Error('could not resolve');
  return decided.dispute;
}

describe('the money movements of a Cashfree settlement day', () => {
  const upi = refunded(paidOrder('ord_upi', 58_882, 'upi', '2024-11-22T10:00:00Z'), 'rf_upi', 8_882, '2024-11-22T15:30:00Z');
  const netbanking = paidOrder('ord_nb', 120_000, 'netbanking', '2024-11-22T11:00:00Z');
  const wallet = paidOrder('ord_wallet', 58_882, 'wallet', '2024-11-21T12:00:00Z');
  const lost = chargeback(netbanking, '433475001', '2024-11-22T12:00:00Z', { outcome: 'lost', at: '2024-11-22T13:00:00Z' });
  const won = chargeback(wallet, '433475002', '2024-11-21T13:00:00Z', { outcome: 'won', at: '2024-11-22T14:00:00Z' });
  let eventIds = 8_800_000_000;
  const newEventId = () => String((eventIds += 1));
  const day = reconEventsOfDay({ date: '2024-11-22', orders: [wallet, upi, netbanking], disputes: [lost, won], rules: CASHFREE_FEE_RULES, newEventId });

  it('holds the day’s payments with their fees, its processed refunds, a chargeback with its fee, and the reversal of one won', () => {
    expect(day.map((event) => [event.eventType, event.eventId, event.saleType, event.amountMinor, event.serviceChargeMinor, event.serviceTaxMinor])).toEqual([
      ['PAYMENT', upi.attempts[0].cfPaymentId, 'CREDIT', 58_882, 0, 0],
      ['PAYMENT', netbanking.attempts[0].cfPaymentId, 'CREDIT', 120_000, 2_280, 410],
      ['REFUND', upi.refunds[0].cfRefundId, 'DEBIT', 8_882, 0, 0],
      ['CHARGEBACK', '433475001', 'DEBIT', 120_000, 50_000, 9_000],
      ['CHARGEBACK_REVERSAL', '8800000001', 'CREDIT', 58_882, 0, 0],
    ]);
  });

  it('names the order, payment, refund and dispute behind each movement', () => {
    expect(day[2]).toMatchObject({ order: { orderId: 'ord_upi', cfPaymentId: upi.attempts[0].cfPaymentId }, refund: { refundId: 'rf_upi', note: 'partial' } });
    expect(day[3].dispute).toEqual({ disputeId: '433475001', category: '13.1 - Merchandise / Services Not Received', closedInFavorOf: 'Customer', resolvedAt: at('2024-11-22T13:00:00Z') });
    expect(day[4].dispute).toMatchObject({ disputeId: '433475002', closedInFavorOf: 'Merchant' });
  });

  it('states each movement’s settlement amount charges included, and totals the day so that the amount settled is their sum', () => {
    expect(day.map(eventSettlementAmount)).toEqual([58_882, 117_310, 8_882, 179_000, 58_882]);
    const totals = settlementTotals(day);
    expect(totals).toEqual({
      paymentAmountMinor: 178_882, serviceChargeMinor: 2_280, serviceTaxMinor: 410, settlementAmountMinor: 176_192,
      adjustmentMinor: -8_882 - 179_000 + 58_882, amountSettledMinor: 176_192 - 129_000,
    });
    expect(totals.amountSettledMinor).toBe(day.map(signedSettlementAmount).reduce((sum, minor) => sum + minor, 0));
  });

  it('moves no money for a retrieval request', () => {
    const retrieval = { ...chargeback(upi, '433475003', '2024-11-22T16:00:00Z'), type: 'RETRIEVAL' as const };
    expect(reconEventsOfDay({ date: '2024-11-22', orders: [upi], disputes: [retrieval], rules: CASHFREE_FEE_RULES, newEventId }).map((event) => event.eventType))
      .toEqual(['PAYMENT', 'REFUND']);
  });

  it('settles each UTC day at its last second, which is also the end of the window it settles', () => {
    expect(settlementWindow('2024-11-22')).toEqual({
      paymentFrom: at('2024-11-22T00:00:00Z'), paymentTill: at('2024-11-22T23:59:59Z'), settledAt: at('2024-11-22T23:59:59Z'),
    });
  });

  describe('with discrepancies, each causing one kind of difference', () => {
    const nbPayment = netbanking.attempts[0].cfPaymentId;
    const knobbed = (knobs: unknown) => {
      const parsed = parseDiscrepancies(knobs);
      if (!parsed.ok) throw new Error(parsed.message);
      return applyDiscrepancies(day, parsed.value, at('2024-11-22T23:59:59Z'), () => '8800000099');
    };

    it('leaves a payment out, and nothing else', () => {
      expect(knobbed({ dropPayment: nbPayment })).toEqual({ ok: true, value: day.filter((event) => event.eventId !== nbPayment) });
    });

    it('settles a payment for a different amount, its charges as they were', () => {
      const changed = knobbed({ changeAmount: { paymentId: nbPayment, byMinor: -100 } });
      expect(changed.ok && changed.value[1]).toMatchObject({ amountMinor: 119_900, serviceChargeMinor: 2_280, serviceTaxMinor: 410, order: { paymentAmountMinor: 119_900 } });
      expect(changed.ok && changed.value.filter((_event, index) => index !== 1)).toEqual(day.filter((_event, index) => index !== 1));
    });

    it('settles a payment twice under a new event id', () => {
      const twice = knobbed({ settleTwice: nbPayment });
      expect(twice.ok && twice.value.map((event) => event.eventId)).toEqual([day[0].eventId, nbPayment, '8800000099', ...day.slice(2).map((event) => event.eventId)]);
    });

    it('deducts a charge with no order behind it', () => {
      const fee = knobbed({ unknownFee: { amountMinor: 1_500 } });
      expect(fee.ok && fee.value.at(-1)).toEqual({
        eventId: '8800000099', eventType: 'OTHER_ADJUSTMENT', saleType: 'DEBIT', amountMinor: 1_500, serviceChargeMinor: 0, serviceTaxMinor: 0,
        at: at('2024-11-22T23:59:59Z'), order: null, remarks: expect.stringMatching(/no order/),
      });
    });

    it('refuses a knob naming a payment the day does not settle, or an amount change that leaves less than the charges', () => {
      expect(knobbed({ dropPayment: '999' })).toEqual({ ok: false, message: 'discrepancies.dropPayment: no payment 999 is settled on this day' });
      expect(knobbed({ changeAmount: { paymentId: nbPayment, byMinor: -117_310 } })).toMatchObject({ ok: false });
    });

    it.each([
      [{ shuffle: true }, /unknown discrepancy "shuffle"/],
      [{ dropPayment: 12 }, /dropPayment must be a cf_payment_id/],
      [{ changeAmount: { paymentId: '1', byMinor: 0 } }, /changeAmount must be/],
      [{ changeAmount: { paymentId: '1', byMinor: 1.5 } }, /changeAmount must be/],
      [{ unknownFee: { amountMinor: -1 } }, /unknownFee must be/],
      [[], /must be an object/],
    ])('refuses the knobs %p', (knobs, message) => {
      expect(parseDiscrepancies(knobs)).toEqual({ ok: false, message: expect.stringMatching(message) });
    });
  });
});
