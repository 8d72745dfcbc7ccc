import { SettlementDateError } from '../domain/settlement-report';
import { balanceTransaction, disputeFeeDetails, processingFeeDetails } from '../stripe/balance-transaction';
import type { PayoutDiscrepancies } from './payout-discrepancies';
import { BalanceMovement, PayoutDiscrepancyError, planDayPayouts } from './payout.builder';

const noon = Date.parse('2024-11-22T12:00:00Z') / 1000;
const charge = (pi: string, amount: number, currency = 'usd', at = noon): BalanceMovement => ({
  paymentIntentId: pi,
  transaction: balanceTransaction({
    id: `txn_${pi}`, type: 'charge', reportingCategory: 'charge', amount, currency, created: at, description: null, source: `ch_${pi}`,
    feeDetails: processingFeeDetails({ feeMinor: 175, taxOnFeeMinor: currency === 'inr' ? 32 : 0 }, currency),
  }),
});
const refund = (pi: string, amount: number): BalanceMovement => ({
  paymentIntentId: pi,
  transaction: balanceTransaction({ id: `txn_re_${pi}`, type: 'refund', reportingCategory: 'refund', amount: -amount, currency: 'usd', created: noon + 60, description: null, source: `re_${pi}` }),
});
const withdrawal = (pi: string, amount: number): BalanceMovement => ({
  paymentIntentId: pi,
  transaction: balanceTransaction({
    id: `txn_du_${pi}`, type: 'adjustment', reportingCategory: 'dispute', amount: -amount, currency: 'usd', created: noon + 120, description: null,
    source: `du_${pi}`, feeDetails: disputeFeeDetails(1500, 'usd'),
  }),
});

const movements = [charge('pi_a', 4999), charge('pi_b', 2500), charge('pi_inr', 120_000, 'inr'), refund('pi_a', 1000), withdrawal('pi_b', 2500),
  charge('pi_next_day', 700, 'usd', noon + 43_200)];

function plan(discrepancies: PayoutDiscrepancies = {}) {
  let sequence = 0;
  return planDayPayouts({ date: '2024-11-22', movements, discrepancies, newId: (prefix) => `${prefix}_${++sequence}`, now: noon + 50_000 });
}
const usd = (discrepancies: PayoutDiscrepancies = {}) => plan(discrepancies).find((payout) => payout.payout.currency === 'usd');
/** The rows paid out, without the payout's own. */
const rowsOf = (discrepancies: PayoutDiscrepancies = {}) =>
  usd(discrepancies)?.transactions.filter((row) => row.type !== 'payout').map(({ id, type, amount, fee, net }) => ({ id, type, amount, fee, net })) ?? [];

describe('the automatic payouts of a day', () => {
  it('pays each currency out once, for the sum of the day’s nets, arriving at the day’s midnight', () => {
    const payouts = plan();
    expect(payouts.map(({ payout }) => [payout.currency, payout.amount, payout.arrival_date])).toEqual([
      ['inr', 120_000 - 207, Date.parse('2024-11-22T00:00:00Z') / 1000],
      ['usd', (4999 - 175) + (2500 - 175) - 1000 - (2500 + 1500), Date.parse('2024-11-22T00:00:00Z') / 1000],
    ]);
    expect(payouts.every(({ payout }) => payout.status === 'paid' && payout.reconciliation_status === 'completed' && payout.automatic)).toBe(true);
  });

  it('lists the day’s charges, refunds and dispute movements in time order, then the payout’s own row, which nets it to zero', () => {
    const plan = usd();
    expect(plan?.transactions.map((row) => [row.type, row.reporting_category, row.source])).toEqual([
      ['charge', 'charge', 'ch_pi_a'], ['charge', 'charge', 'ch_pi_b'], ['refund', 'refund', 're_pi_a'], ['adjustment', 'dispute', 'du_pi_b'],
      ['payout', 'payout', plan?.payout.id],
    ]);
    expect(plan?.transactions.reduce((sum, row) => sum + row.net, 0)).toBe(0);
    expect(plan?.payout.balance_transaction).toBe(plan?.transactions.at(-1)?.id);
    expect(plan?.payout.trace_id).toEqual({ status: 'supported', value: 'SBX-2024-11-22-USD' });
  });

  it('leaves a dropped payment’s charge out, and nothing else', () => {
    expect(rowsOf({ dropPayment: 'pi_a' })).toEqual(rowsOf().filter((row) => row.id !== 'txn_pi_a'));
    expect(usd({ dropPayment: 'pi_a' })?.payout.amount).toBe((usd()?.payout.amount ?? 0) - (4999 - 175));
  });

  it('shows a changed amount on that charge’s amount and net, its fee the same', () => {
    expect(rowsOf({ changeAmount: { paymentId: 'pi_b', byMinor: -300 } }).find((row) => row.id === 'txn_pi_b')).toEqual({ id: 'txn_pi_b', type: 'charge', amount: 2200, fee: 175, net: 2025 });
    expect(usd({ changeAmount: { paymentId: 'pi_b', byMinor: -300 } })?.payout.amount).toBe((usd()?.payout.amount ?? 0) - 300);
  });

  it('settles a payment twice under two balance transaction ids', () => {
    const charges = rowsOf({ settleTwice: 'pi_a' }).filter((row) => row.amount === 4999);
    expect(charges).toHaveLength(2);
    expect(new Set(charges.map((row) => row.id)).size).toBe(2);
    expect(usd({ settleTwice: 'pi_a' })?.payout.amount).toBe((usd()?.payout.amount ?? 0) + 4999 - 175);
  });

  it('takes an unknown fee as a stripe_fee row with no source, in the currency asked', () => {
    const fee = usd({ unknownFee: { amountMinor: 250, currency: 'USD' } })?.transactions.find((row) => row.type === 'stripe_fee');
    expect(fee).toMatchObject({ reporting_category: 'fee', amount: -250, fee: 0, net: -250, source: null, currency: 'usd' });
    expect(() => plan({ unknownFee: { amountMinor: 250 } })).toThrow(/2024-11-22 has payouts in inr, usd: name the currency of the fee/);
  });

  it('refuses a knob naming a payment with no charge that day', () => {
    expect(() => plan({ dropPayment: 'pi_next_day' })).toThrow(PayoutDiscrepancyError);
    expect(() => plan({ settleTwice: 'pi_unknown' })).toThrow('pi_unknown has no charge paid out on 2024-11-22');
  });

  it('has no payouts on a day without movements, and refuses a date that is not a day', () => {
    expect(planDayPayouts({ date: '2024-11-20', movements, discrepancies: {}, newId: (prefix) => prefix, now: noon })).toEqual([]);
    expect(() => planDayPayouts({ date: '2024-13-01', movements, discrepancies: {}, newId: (prefix) => prefix, now: noon })).toThrow(SettlementDateError);
  });
});
