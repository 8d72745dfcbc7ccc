import { isKnownCurrency } from '@payments/money';

/**
 * Knobs that make a day's payout differ from the sandbox's own payments in exactly one way each,
 * for testing reconciliation. Each names the payment (`pi_...`) whose charge row it changes.
 */
export interface PayoutDiscrepancies {
  /** Leave that payment's charge out of the payout. */
  readonly dropPayment?: string;
  /** That payment's charge row shows an amount (and so a net) off by `byMinor`, its fee unchanged. */
  readonly changeAmount?: { readonly paymentId: string; readonly byMinor: number };
  /** That payment's charge row appears twice, under two balance transaction ids. */
  readonly settleTwice?: string;
  /** A `stripe_fee` row of `amountMinor` taken with no source: a fee no payment explains. Currency: the day's, when it has one. */
  readonly unknownFee?: { readonly amountMinor: number; readonly currency?: string };
}

export type DiscrepanciesResult =
  | { readonly ok: true; readonly discrepancies: PayoutDiscrepancies }
  | { readonly ok: false; readonly param: string; readonly message: string };

const KNOBS = ['dropPayment', 'changeAmount', 'settleTwice', 'unknownFee'] as const;
const PAYMENT_ID = /^pi_[A-Za-z0-9_]+$/;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

class Refusal extends Error {
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

function paymentId(value: unknown, param: string): string {
  if (typeof value !== 'string' || !PAYMENT_ID.test(value)) throw new Refusal(param, `${param} must be a PaymentIntent id (pi_...)`);
  return value;
}

function wholeMinor(value: unknown, param: string, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Refusal(param, `${param} must be ${what}`);
  return value;
}

function knobObject(value: unknown, param: string, fields: readonly string[]): Record<string, unknown> {
  if (!isObject(value)) throw new Refusal(param, `${param} must be an object with ${fields.join(', ')}`);
  const unknown = Object.keys(value).find((field) => !fields.includes(field));
  if (unknown) throw new Refusal(`${param}.${unknown}`, `unknown field "${unknown}" in ${param}; known: ${fields.join(', ')}`);
  return value;
}

function readKnobs(input: Record<string, unknown>): PayoutDiscrepancies {
  const knobs: { -readonly [K in keyof PayoutDiscrepancies]: PayoutDiscrepancies[K] } = {};
  if (input.dropPayment !== undefined) knobs.dropPayment = paymentId(input.dropPayment, 'discrepancies.dropPayment');
  if (input.settleTwice !== undefined) knobs.settleTwice = paymentId(input.settleTwice, 'discrepancies.settleTwice');
  if (input.changeAmount !== undefined) {
    const change = knobObject(input.changeAmount, 'discrepancies.changeAmount', ['paymentId', 'byMinor']);
    const byMinor = wholeMinor(change.byMinor, 'discrepancies.changeAmount.byMinor', 'a whole number of minor units other than 0');
    if (byMinor === 0) throw new Refusal('discrepancies.changeAmount.byMinor', 'discrepancies.changeAmount.byMinor must be a whole number of minor units other than 0');
    knobs.changeAmount = { paymentId: paymentId(change.paymentId, 'discrepancies.changeAmount.paymentId'), byMinor };
  }
  if (input.unknownFee !== undefined) {
    const fee = knobObject(input.unknownFee, 'discrepancies.unknownFee', ['amountMinor', 'currency']);
    const amountMinor = wholeMinor(fee.amountMinor, 'discrepancies.unknownFee.amountMinor', 'a positive whole number of minor units');
    if (amountMinor <= 0) throw new Refusal('discrepancies.unknownFee.amountMinor', 'discrepancies.unknownFee.amountMinor must be a positive whole number of minor units');
    if (fee.currency !== undefined && (typeof fee.currency !== 'string' || !isKnownCurrency(fee.currency.toUpperCase()))) {
      throw new Refusal('discrepancies.unknownFee.currency', 'discrepancies.unknownFee.currency must be an ISO 4217 currency code');
    }
    knobs.unknownFee = { amountMinor, ...(typeof fee.currency === 'string' ? { currency: fee.currency.toUpperCase() } : {}) };
  }
  return knobs;
}

/** The payments the knobs name, each at most once: two knobs on one payment would not be one difference each. */
function refuseSharedPayment(knobs: PayoutDiscrepancies): void {
  const named = [knobs.dropPayment, knobs.changeAmount?.paymentId, knobs.settleTwice].filter((id): id is string => id !== undefined);
  const twice = named.find((id, index) => named.indexOf(id) !== index);
  if (twice) throw new Refusal('discrepancies', `${twice} is named by two knobs; each knob must name its own payment`);
}

/** Reads `discrepancies` of `POST /_sandbox/stripe/payouts`; unknown or ill-typed knobs are refused, not ignored. */
export function parsePayoutDiscrepancies(input: unknown): DiscrepanciesResult {
  if (input === undefined || input === null) return { ok: true, discrepancies: {} };
  try {
    const knobs = knobObject(input, 'discrepancies', KNOBS);
    const discrepancies = readKnobs(knobs);
    refuseSharedPayment(discrepancies);
    return { ok: true, discrepancies };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, param: error.param, message: error.message };
    throw error;
  }
}
