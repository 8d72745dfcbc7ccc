import { DisputeReportedV1 } from '@payments/contracts';
import { DEFAULT_DISPUTE_FEES, disputeReportOf, parseDisputeFees } from './dispute-report';

const reported = (fields: Partial<DisputeReportedV1> = {}): DisputeReportedV1 => ({
  provider: 'stripe', providerEventId: 'evt_1', disputeId: 'du_1', providerPaymentId: 'pi_1', stage: 'opened', status: 'needs_response',
  amountMinor: 1900, currency: 'USD', inquiry: false, reportedAt: '2026-11-22T10:00:00.000Z', ...fields,
});

describe('dispute fees', () => {
  it("books Stripe's 1500 minor USD by default when the event states no fee, and nothing where none is configured", () => {
    const fees = parseDisputeFees(DEFAULT_DISPUTE_FEES);
    expect(disputeReportOf(reported(), fees).feeMinor).toBe(1500);
    expect(disputeReportOf(reported({ currency: 'EUR' }), fees).feeMinor).toBe(0);
    expect(disputeReportOf(reported({ provider: 'cashfree', currency: 'INR' }), fees).feeMinor).toBe(0);
  });

  it('takes the fee the event states over the configured one, and none for an inquiry', () => {
    const fees = parseDisputeFees('stripe:USD:1500, stripe:EUR:2000,cashfree:INR:50000');
    expect(disputeReportOf(reported({ feeMinor: 1700 }), fees).feeMinor).toBe(1700);
    expect(disputeReportOf(reported({ currency: 'EUR' }), fees).feeMinor).toBe(2000);
    expect(disputeReportOf(reported({ provider: 'cashfree', currency: 'INR' }), fees).feeMinor).toBe(50000);
    expect(disputeReportOf(reported({ inquiry: true, feeMinor: 1500 }), fees).feeMinor).toBe(0);
  });

  it.each(['stripe:usd:1500', 'paypal:USD:1', 'stripe:USD:15.00', 'stripe:USD'])('refuses the entry %p with a message naming it', (entry) => {
    expect(() => parseDisputeFees(entry)).toThrow(entry);
  });

  it('keeps the reason code and deadline when present and leaves them out otherwise', () => {
    expect(disputeReportOf(reported({ reasonCode: 'fraudulent', respondBy: '2026-12-01T00:00:00.000Z' }), new Map())).toMatchObject({
      reasonCode: 'fraudulent', respondBy: '2026-12-01T00:00:00.000Z',
    });
    expect(Object.keys(disputeReportOf(reported(), new Map()))).not.toContain('reasonCode');
  });
});
