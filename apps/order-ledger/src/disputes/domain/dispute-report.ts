import type { DisputeActionCompletedV1, DisputeReportedV1, ProviderName } from '@payments/contracts';
import { DisputeActionReport, DisputeReport } from './dispute.events';

/**
 * The dispute fee each provider charges when the event does not state it, per currency, in minor
 * units: ORDER_DISPUTE_FEES, `<provider>:<CURRENCY>:<minor>` comma-separated (default
 * `stripe:USD:1500`, Stripe's dispute fee). Not listed: no fee is booked until a settlement states one.
 */
export type DisputeFees = ReadonlyMap<string, number>;

export const DEFAULT_DISPUTE_FEES = 'stripe:USD:1500';

const FEE_ENTRY = /^(stripe|cashfree):([A-Z]{3}):(\d{1,12})$/;

/** Parses ORDER_DISPUTE_FEES; throws a message naming the bad entry. */
export function parseDisputeFees(raw: string): DisputeFees {
  const fees = new Map<string, number>();
  for (const entry of raw.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const match = FEE_ENTRY.exec(entry);
    if (!match) throw new Error(`ORDER_DISPUTE_FEES entry "${entry}" is not <stripe|cashfree>:<CURRENCY>:<integer minor units>`);
    fees.set(`${match[1]}:${match[2]}`, Number(match[3]));
  }
  return fees;
}

export const configuredDisputeFee = (fees: DisputeFees, provider: ProviderName, currency: string): number => fees.get(`${provider}:${currency}`) ?? 0;

/** A DisputeReported as the order decides on it: the fee the event states, else the configured one. */
export function disputeReportOf(message: DisputeReportedV1, fees: DisputeFees): DisputeReport {
  const { providerEventId, disputeId, providerPaymentId, stage, status, amountMinor, currency, inquiry, reasonCode, respondBy, reportedAt } = message;
  return {
    providerEventId, disputeId, providerPaymentId, stage, status, amountMinor, currency, inquiry,
    feeMinor: inquiry ? 0 : message.feeMinor ?? configuredDisputeFee(fees, message.provider, currency),
    ...(reasonCode ? { reasonCode } : {}),
    ...(respondBy ? { respondBy } : {}),
    reportedAt,
  };
}

export function disputeActionReportOf(message: DisputeActionCompletedV1): DisputeActionReport {
  const { requestId, disputeId, action, outcome, status, errorCode, completedAt } = message;
  return { requestId, disputeId, action, outcome, ...(status ? { status } : {}), ...(errorCode ? { errorCode } : {}), completedAt };
}
