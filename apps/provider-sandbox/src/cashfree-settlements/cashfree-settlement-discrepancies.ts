import type { ReconEvent } from './cashfree-recon-event';

/**
 * Ways a settlement can disagree with what really happened, one kind of difference each, for
 * testing reconciliation. Payments are named by `cf_payment_id`.
 */
export interface SettlementDiscrepancies {
  /** Leave the payment out of the settlement (its refunds and disputes stay in). */
  readonly dropPayment?: string;
  /** Settle the payment for `byMinor` paise more (or less, if negative); its charges stay as they were. */
  readonly changeAmount?: { readonly paymentId: string; readonly byMinor: number };
  /** Settle the payment twice: a second PAYMENT row with a new event id. */
  readonly settleTwice?: string;
  /** Deduct a charge with no order behind it: an OTHER_ADJUSTMENT DEBIT of `amountMinor` paise. */
  readonly unknownFee?: { readonly amountMinor: number };
}

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };
const refuse = (message: string) => ({ ok: false, message }) as const;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPaymentId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,19}$/.test(value);
const KNOBS = ['dropPayment', 'changeAmount', 'settleTwice', 'unknownFee'];

function refusalOf(name: string, value: unknown): string | undefined {
  switch (name) {
    case 'dropPayment':
    case 'settleTwice':
      return isPaymentId(value) ? undefined : `discrepancies.${name} must be a cf_payment_id`;
    case 'changeAmount':
      return isObject(value) && isPaymentId(value.paymentId) && Number.isSafeInteger(value.byMinor) && value.byMinor !== 0 && Object.keys(value).length === 2
        ? undefined : 'discrepancies.changeAmount must be {paymentId: <cf_payment_id>, byMinor: <non-zero integer>}';
    case 'unknownFee':
      return isObject(value) && Number.isSafeInteger(value.amountMinor) && (value.amountMinor as number) > 0 && Object.keys(value).length === 1
        ? undefined : 'discrepancies.unknownFee must be {amountMinor: <positive integer>}';
    default:
      return `unknown discrepancy "${name}"; known: ${KNOBS.join(', ')}`;
  }
}

/** Reads the knobs of one settlement request; unknown or ill-typed ones are refused, not ignored. */
export function parseDiscrepancies(input: unknown): Result<SettlementDiscrepancies> {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (!isObject(input)) return refuse('discrepancies must be an object');
  for (const [name, value] of Object.entries(input)) {
    const refused = refusalOf(name, value);
    if (refused) return refuse(refused);
  }
  return { ok: true, value: input as SettlementDiscrepancies };
}

/**
 * The day's events with the knobs applied, in this order: drop, change, settle twice, unknown fee.
 * A knob naming a payment the day does not settle is refused: it would cause no difference.
 */
export function applyDiscrepancies(events: readonly ReconEvent[], knobs: SettlementDiscrepancies, at: Date, newEventId: () => string): Result<ReconEvent[]> {
  let result = [...events];
  const paymentIndex = (cfPaymentId: string) => result.findIndex((event) => event.eventType === 'PAYMENT' && event.order?.cfPaymentId === cfPaymentId);
  const missing = (knob: string, cfPaymentId: string) => refuse(`discrepancies.${knob}: no payment ${cfPaymentId} is settled on this day`);
  if (knobs.dropPayment !== undefined) {
    const index = paymentIndex(knobs.dropPayment);
    if (index < 0) return missing('dropPayment', knobs.dropPayment);
    result = result.filter((_event, position) => position !== index);
  }
  if (knobs.changeAmount !== undefined) {
    const { paymentId, byMinor } = knobs.changeAmount;
    const index = paymentIndex(paymentId);
    if (index < 0) return missing('changeAmount', paymentId);
    const payment = result[index];
    const amountMinor = payment.amountMinor + byMinor;
    if (amountMinor <= payment.serviceChargeMinor + payment.serviceTaxMinor) return refuse('discrepancies.changeAmount would leave the payment no more than its charges');
    const changed: ReconEvent = { ...payment, amountMinor, order: payment.order && { ...payment.order, paymentAmountMinor: amountMinor } };
    result = result.map((event, position) => (position === index ? changed : event));
  }
  if (knobs.settleTwice !== undefined) {
    const index = paymentIndex(knobs.settleTwice);
    if (index < 0) return missing('settleTwice', knobs.settleTwice);
    result = [...result.slice(0, index + 1), { ...result[index], eventId: newEventId() }, ...result.slice(index + 1)];
  }
  if (knobs.unknownFee !== undefined) {
    result.push({
      eventId: newEventId(), eventType: 'OTHER_ADJUSTMENT', saleType: 'DEBIT', amountMinor: knobs.unknownFee.amountMinor, serviceChargeMinor: 0,
      serviceTaxMinor: 0, at, order: null, remarks: 'Adjustment with no order behind it (sandbox discrepancy)',
    });
  }
  return { ok: true, value: result };
}
