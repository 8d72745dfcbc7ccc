import { parseCreateRefund } from './refund.params';
import type { CreateRefundOutcome, Refunds } from './refunds.service';
import { ApiResponse, StripeErrors } from './stripe-api.errors';
import type { Operation, RequestContext } from './stripe-api.gateway';

type Params = Record<string, unknown>;

const eventRequest = (context: RequestContext) => ({ id: context.requestId, idempotency_key: context.idempotencyKey });

/**
 * A refused refund in Stripe's words. These are answered after the request started executing, so,
 * as at Stripe, the answer is saved under the idempotency key and replayed.
 */
function refusal(outcome: CreateRefundOutcome & { ok: false }): ApiResponse {
  if ('param' in outcome) return StripeErrors.noSuchRefundTarget(outcome.id, outcome.param);
  switch (outcome.reason) {
    case 'payment_not_succeeded':
      return StripeErrors.nothingToRefund(outcome.intent.id, outcome.intent.status);
    case 'already_refunded':
      return StripeErrors.chargeAlreadyRefunded(outcome.intent.latest_charge ?? outcome.intent.id);
    case 'amount_too_large':
      return StripeErrors.refundAmountTooLarge(outcome.requested, outcome.remaining);
  }
}

/** The `/v1/refunds` operations, run inside `StripeApiGateway.handle`. */
export class RefundsApi {
  constructor(private readonly refunds: Refunds) {}

  create(params: Params): Operation {
    return (context) => {
      const parsed = parseCreateRefund(params);
      if (!parsed.ok) return { rejected: parsed.error };
      const outcome = this.refunds.create(parsed.params, { request: eventRequest(context) });
      return { executed: outcome.ok ? { status: 200, body: outcome.refund } : refusal(outcome) };
    };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const unknown = Object.keys(params).find((name) => !/^expand(\[\d*\])?$/.test(name));
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const refund = this.refunds.find(id);
      return { executed: refund ? { status: 200, body: refund } : StripeErrors.noSuchRefund(id) };
    };
  }
}
