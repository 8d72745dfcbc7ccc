import type { CreateRefundParams, RefundReason } from './refund';
import { MAX_AMOUNT } from './payment-intent.params';
import { StripeErrors } from './stripe-api.errors';
import { Params, ParamsResult, isError, optionalEnum, optionalString, parseInteger, parseMetadata, refuse, unknownParam } from './stripe-params';

const CREATE_PARAMS = ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand'];
const REASONS: readonly RefundReason[] = ['duplicate', 'fraudulent', 'requested_by_customer'];

/** Checks `POST /v1/refunds` parameters; nothing is stored when they fail. */
export function parseCreateRefund(params: Params): ParamsResult<CreateRefundParams> {
  const unknown = unknownParam(params, CREATE_PARAMS);
  if (unknown) return refuse(StripeErrors.unknownParam(unknown));
  const paymentIntent = optionalString(params, 'payment_intent', 5000);
  if (isError(paymentIntent)) return refuse(paymentIntent);
  const charge = optionalString(params, 'charge', 5000);
  if (isError(charge)) return refuse(charge);
  if ((paymentIntent === null) === (charge === null)) {
    return refuse(StripeErrors.invalidParam('payment_intent', 'You must pass exactly one of payment_intent or charge.', 'parameter_missing'));
  }
  const amount = parseInteger(params.amount, 'amount', { min: 1, max: MAX_AMOUNT });
  if (isError(amount)) return refuse(amount);
  const reason = optionalEnum(params, 'reason', REASONS);
  if (isError(reason)) return refuse(reason);
  const metadata = parseMetadata(params.metadata);
  if (isError(metadata)) return refuse(metadata);
  return {
    ok: true,
    params: { target: paymentIntent !== null ? { paymentIntent } : { charge: charge as string }, amount: amount ?? null, reason, metadata },
  };
}
