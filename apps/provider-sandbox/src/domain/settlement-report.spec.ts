import { paymentFee } from './settlement-fees';
import { SettledPayment, SettledRefund, SettlementDateError, settlementReport } from './settlement-report';
import { settlementReportCsv } from './settlement-report.csv';

const noon = Date.parse('2024-11-22T12:00:00Z') / 1000;
const payment = (id: string, currency: string, amountMinor: number, at = noon): SettledPayment => ({
  paymentId: `pi_${id}`, chargeId: `ch_${id}`, orderId: `ord_${id}`, currency, amountMinor, at,
});
const refund = (id: string, of: SettledPayment, amountMinor: number, at = noon + 60): SettledRefund => ({
  ...of, refundId: `re_${id}`, amountMinor, at,
});

describe('the fee on a payment, in integer minor units', () => {
  it.each([
    ['USD: 2.9 % + 30 cents', 'USD', 4999, 175, 0], // 144.971 -> 145, + 30
    ['USD: a half cent rounds up', 'USD', 500, 45, 0], // 14.5 -> 15, + 30
    ['INR: 2 % plus 18 % GST on the fee', 'INR', 120_000, 2_400, 432],
    ['INR: a half paisa of GST rounds up', 'INR', 1_250, 25, 5], // GST 4.5 -> 5
    ['JPY: 3.6 %, no minor unit', 'JPY', 5_000, 180, 0],
    ['JPY: a fraction of a yen rounds half-up', 'JPY', 1_014, 37, 0], // 36.504 -> 37
    ['KWD: 2.9 % + 0.100 KWD in fils', 'KWD', 15_000, 535, 0],
    ['a currency without its own rule: 2.9 %, no fixed part', 'AUD', 10_000, 290, 0],
  ])('%s', (_label, currency, gross, fee, tax) => {
    expect(paymentFee(gross, currency)).toEqual({ feeMinor: fee, taxOnFeeMinor: tax });
  });
});

describe('a day’s settlement report', () => {
  const usd = payment('usd', 'USD', 4999);
  const inr = payment('inr', 'INR', 120_000);
  const jpy = payment('jpy', 'JPY', 5_000);
  const kwd = payment('kwd', 'KWD', 15_000);
  const report = settlementReport('stripe', '2024-11-22', [usd, inr, jpy, kwd], [refund('usd', usd, 1_000), refund('inr', inr, 120_000)]);

  it('has a row per payment with gross, fee, tax on fee and net = gross - fee - tax', () => {
    expect(report.rows.filter((row) => row.type === 'payment')).toEqual([
      expect.objectContaining({ paymentId: 'pi_usd', chargeId: 'ch_usd', orderId: 'ord_usd', grossMinor: 4999, feeMinor: 175, taxOnFeeMinor: 0, netMinor: 4824 }),
      expect.objectContaining({ paymentId: 'pi_inr', grossMinor: 120_000, feeMinor: 2_400, taxOnFeeMinor: 432, netMinor: 117_168 }),
      expect.objectContaining({ paymentId: 'pi_jpy', grossMinor: 5_000, feeMinor: 180, taxOnFeeMinor: 0, netMinor: 4_820 }),
      expect.objectContaining({ paymentId: 'pi_kwd', grossMinor: 15_000, feeMinor: 535, taxOnFeeMinor: 0, netMinor: 14_465 }),
    ]);
  });

  it('has a negative row per refund, without a fee returned', () => {
    expect(report.rows.filter((row) => row.type === 'refund')).toEqual([
      expect.objectContaining({ refundId: 're_usd', paymentId: 'pi_usd', orderId: 'ord_usd', grossMinor: -1_000, feeMinor: 0, taxOnFeeMinor: 0, netMinor: -1_000 }),
      expect.objectContaining({ refundId: 're_inr', grossMinor: -120_000, netMinor: -120_000 }),
    ]);
  });

  it('totals each currency, and every total balances: net = gross - fee - tax on fee', () => {
    expect(report.totals).toEqual([
      { currency: 'INR', payments: 1, refunds: 1, grossMinor: 0, feeMinor: 2_400, taxOnFeeMinor: 432, netMinor: -2_832 },
      { currency: 'JPY', payments: 1, refunds: 0, grossMinor: 5_000, feeMinor: 180, taxOnFeeMinor: 0, netMinor: 4_820 },
      { currency: 'KWD', payments: 1, refunds: 0, grossMinor: 15_000, feeMinor: 535, taxOnFeeMinor: 0, netMinor: 14_465 },
      { currency: 'USD', payments: 1, refunds: 1, grossMinor: 3_999, feeMinor: 175, taxOnFeeMinor: 0, netMinor: 3_824 },
    ]);
    for (const total of report.totals) expect(total.netMinor).toBe(total.grossMinor - total.feeMinor - total.taxOnFeeMinor);
    for (const total of report.totals) {
      const rows = report.rows.filter((row) => row.currency === total.currency);
      expect(rows.reduce((sum, row) => sum + row.netMinor, 0)).toBe(total.netMinor);
    }
  });

  it('takes only what happened on that UTC day', () => {
    const lastSecondBefore = payment('before', 'USD', 100, Date.parse('2024-11-21T23:59:59Z') / 1000);
    const firstSecond = payment('first', 'USD', 100, Date.parse('2024-11-22T00:00:00Z') / 1000);
    const nextDay = payment('after', 'USD', 100, Date.parse('2024-11-23T00:00:00Z') / 1000);
    expect(settlementReport('stripe', '2024-11-22', [lastSecondBefore, firstSecond, nextDay], []).rows.map((row) => row.paymentId)).toEqual(['pi_first']);
  });

  it('is empty, without totals, for a day without payments', () => {
    expect(settlementReport('stripe', '2024-11-20', [usd], [])).toEqual({ provider: 'stripe', date: '2024-11-20', rows: [], totals: [] });
  });

  it.each(['2024-11-31', '22-11-2024', '2024-11-22T00:00:00Z', ''])('refuses %p as a date', (date) => {
    expect(() => settlementReport('stripe', date, [], [])).toThrow(SettlementDateError);
  });

  it('writes CSV with a header, a line per row and a total line per currency, quoting fields that need it', () => {
    const quoted = payment('q', 'USD', 4999);
    const csv = settlementReportCsv(settlementReport('stripe', '2024-11-22', [{ ...quoted, orderId: 'ord "a", b' }], []));
    expect(csv.split('\r\n')).toEqual([
      'type,payment_id,charge_id,refund_id,order_id,currency,occurred_at,gross_minor,fee_minor,tax_on_fee_minor,net_minor',
      'payment,pi_q,ch_q,,"ord ""a"", b",USD,2024-11-22T12:00:00.000Z,4999,175,0,4824',
      'total,,,,,USD,2024-11-22,4999,175,0,4824',
      '',
    ]);
  });
});
