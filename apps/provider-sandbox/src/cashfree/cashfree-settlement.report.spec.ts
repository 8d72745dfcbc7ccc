import { SettlementDateError } from '../domain/settlement-report';
import { PaymentMethodChoice, SandboxCashfreeOrder, newCashfreeOrder } from './cashfree-order';
import { decide } from './cashfree-order.decider';
import { requestRefund, settleRefund } from './cashfree-refund.decider';
import { cashfreeSettlementCsv, cashfreeSettlementReport } from './cashfree-settlement.report';

const at = (iso: string) => new Date(iso);
let lastId = 5_000;
const nextId = () => String((lastId += 1));

function paidOrder(orderId: string, amountMinor: number, method: PaymentMethodChoice, paidAt: string, declinedFirst = false): SandboxCashfreeOrder {
  const customer = { id: 'user42', phone: '9999999999', email: null, name: null };
  const params = { orderId, amountMinor, currency: 'INR' as const, customer, returnUrl: null, notifyUrl: null, paymentMethods: null, tags: null, note: null, expiresAt: null };
  let order = newCashfreeOrder({ orderId, cfOrderId: nextId(), paymentSessionId: `session_${orderId}` }, params, at('2024-11-22T00:00:00Z'));
  const error = { code: 'TRANSACTION_DECLINED', description: 'declined', reason: 'auth_declined', source: 'bank' as const };
  const steps = [
    ...(declinedFirst ? [{ type: 'Decline' as const, cfPaymentId: nextId(), method, at: at(paidAt), error }] : []),
    { type: 'Pay' as const, cfPaymentId: nextId(), method, at: at(paidAt), bankReference: nextId() },
  ];
  for (const step of steps) {
    const decision = decide(order, step);
    if (!decision.ok) throw new Error(`could not ${step.type} ${orderId}`);
    order = decision.order;
  }
  return order;
}

function refunded(order: SandboxCashfreeOrder, refundId: string, amountMinor: number, outcome: 'SUCCESS' | 'CANCELLED' | 'PENDING', processedAt: string) {
  const requested = requestRefund(order, { refundId, amountMinor, note: null, speed: 'STANDARD' }, nextId(), at(processedAt));
  if (!requested.ok) throw new Error(`could not refund ${order.orderId}`);
  if (outcome === 'PENDING') return requested.order;
  const settled = settleRefund(requested.order, refundId, outcome, at(processedAt));
  if (!settled.ok) throw new Error(`could not settle ${refundId}`);
  return settled.order;
}

describe('Cashfree’s settlement report of a day', () => {
  const upi = refunded(paidOrder('ord_upi', 58_882, 'upi', '2024-11-22T10:00:00Z'), 'rf_upi', 8_882, 'SUCCESS', '2024-11-22T15:30:00Z');
  const netbanking = refunded(paidOrder('ord_nb', 120_000, 'netbanking', '2024-11-22T11:00:00Z', true), 'rf_nb', 1_000, 'PENDING', '2024-11-22T16:00:00Z');
  const wallet = refunded(paidOrder('ord_wallet', 58_882, 'wallet', '2024-11-22T12:00:00Z'), 'rf_wallet', 500, 'CANCELLED', '2024-11-22T17:00:00Z');
  const nextDay = paidOrder('ord_next', 2_500, 'upi', '2024-11-23T00:00:00Z');
  const upiRefundedAgain = refunded(upi, 'rf_upi_2', 100, 'SUCCESS', '2024-11-23T09:00:00Z');
  const orders = [upiRefundedAgain, netbanking, wallet, nextDay];
  const report = cashfreeSettlementReport('2024-11-22', orders);

  it('has a row per successful payment of the day with its payment group, service charge, GST and net', () => {
    expect(report.rows.filter((row) => row.type === 'payment')).toEqual([
      expect.objectContaining({ cfPaymentId: upi.attempts[0].cfPaymentId, cfRefundId: null, refundId: null, orderId: 'ord_upi', paymentGroup: 'upi', grossMinor: 58_882, feeMinor: 0, taxOnFeeMinor: 0, netMinor: 58_882 }),
      expect.objectContaining({ cfPaymentId: netbanking.attempts[1].cfPaymentId, orderId: 'ord_nb', paymentGroup: 'net_banking', grossMinor: 120_000, feeMinor: 2_280, taxOnFeeMinor: 410, netMinor: 117_310 }),
      expect.objectContaining({ orderId: 'ord_wallet', paymentGroup: 'wallet', grossMinor: 58_882, feeMinor: 1_119, taxOnFeeMinor: 201, netMinor: 57_562 }),
    ]);
  });

  it('has a negative row per refund processed that day, with no charge returned, and leaves out pending and cancelled refunds', () => {
    expect(report.rows.filter((row) => row.type === 'refund')).toEqual([{
      type: 'refund', cfPaymentId: upi.attempts[0].cfPaymentId, cfRefundId: upi.refunds[0].cfRefundId, refundId: 'rf_upi', orderId: 'ord_upi', paymentGroup: 'upi',
      currency: 'INR', occurredAt: '2024-11-22T15:30:00.000Z', grossMinor: -8_882, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -8_882,
    }]);
  });

  it('totals the day, and the totals balance: net = gross - service charge - GST, and equal the sum of the rows', () => {
    expect(report.totals).toEqual([{ currency: 'INR', payments: 3, refunds: 1, grossMinor: 228_882, feeMinor: 3_399, taxOnFeeMinor: 611, netMinor: 224_872 }]);
    const [total] = report.totals;
    expect(total.netMinor).toBe(total.grossMinor - total.feeMinor - total.taxOnFeeMinor);
    for (const field of ['grossMinor', 'feeMinor', 'taxOnFeeMinor', 'netMinor'] as const) {
      expect(report.rows.reduce((sum, row) => sum + row[field], 0)).toBe(total[field]);
    }
  });

  it('puts a payment made at midnight, and a refund processed the next day, on the next day', () => {
    const next = cashfreeSettlementReport('2024-11-23', orders);
    expect(next.rows.map((row) => [row.type, row.orderId, row.grossMinor])).toEqual([['payment', 'ord_next', 2_500], ['refund', 'ord_upi', -100]]);
  });

  it.each(['2024-02-30', '22-11-2024', ''])('refuses %p as a date', (date) => {
    expect(() => cashfreeSettlementReport(date, orders)).toThrow(SettlementDateError);
  });

  it('writes CSV with Cashfree’s ids and a total line', () => {
    const lines = cashfreeSettlementCsv(cashfreeSettlementReport('2024-11-22', [upi])).split('\r\n');
    expect(lines).toEqual([
      'type,cf_payment_id,cf_refund_id,refund_id,order_id,payment_group,currency,occurred_at,gross_minor,fee_minor,tax_on_fee_minor,net_minor',
      `payment,${upi.attempts[0].cfPaymentId},,,ord_upi,upi,INR,2024-11-22T10:00:00.000Z,58882,0,0,58882`,
      `refund,${upi.attempts[0].cfPaymentId},${upi.refunds[0].cfRefundId},rf_upi,ord_upi,upi,INR,2024-11-22T15:30:00.000Z,-8882,0,0,-8882`,
      'total,,,,,,INR,2024-11-22,50000,0,0,50000',
      '',
    ]);
  });
});
