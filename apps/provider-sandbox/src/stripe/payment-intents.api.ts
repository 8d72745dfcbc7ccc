import { parseCancelPaymentIntent, parseCreatePaymentIntent } from './payment-intent.params';
import { PaymentIntentOutcome, PaymentIntents } from './payment-intents.service';
import { ApiResponse, StripeErrors } from './stripe-api.errors';
import type { Operation, RequestContext } from './stripe-api.gateway';

type Params = Record<string, unknown>;

const eventRequest = (context: RequestContext) => ({ id: context.requestId, idempotency_key: context.idempotencyKey });

/** A PaymentIntent change as an HTTP answer: the intent, a 404, or Stripe's unexpected-state 400. */
export function outcomeResponse(id: string, outcome: PaymentIntentOutcome, action: string, body: (intent: unknown) => unknown = (intent) => intent): ApiResponse {
  if (outcome.ok) return { status: 200, body: body(outcome.intent) };
  if (outcome.reason === 'not_found') return StripeErrors.noSuchPaymentIntent(id);
  return StripeErrors.unexpectedState(outcome.intent, action, outcome.allowedFrom);
}

/** The `/v1/payment_intents` operations, run inside `StripeApiGateway.handle`. */
export class PaymentIntentsApi {
  constructor(private readonly intents: PaymentIntents) {}

  create(params: Params): Operation {
    return (context) => {
      const parsed = parseCreatePaymentIntent(params);
      if (!parsed.ok) return { rejected: parsed.error };
      const { intent } = this.intents.create(parsed.params, { request: eventRequest(context) });
      return { executed: { status: 200, body: intent } };
    };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const unknown = Object.keys(params).find((name) => name !== 'client_secret' && !/^expand(\[\d*\])?$/.test(name));
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const intent = this.intents.find(id);
      return { executed: intent ? { status: 200, body: intent } : StripeErrors.noSuchPaymentIntent(id) };
    };
  }

  cancel(id: string, params: Params): Operation {
    return (context) => {
      const parsed = parseCancelPaymentIntent(params);
      if (!parsed.ok) return { rejected: parsed.error };
      const outcome = this.intents.cancel(id, parsed.params.reason, { request: eventRequest(context) });
      return { executed: outcomeResponse(id, outcome, 'cancel') };
    };
  }
}
