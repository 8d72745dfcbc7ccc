import { unixSeconds, type SandboxRuntime } from '../domain/sandbox-runtime';
import type { StripeCatalog } from '../stripe-billing/stripe-catalog.service';
import { priceRefusal } from '../stripe-billing/prices.api';
import { CheckoutSessionRequest, parseCreateCheckoutSession } from './checkout-session.params';
import type { CheckoutSessionOutcome, CheckoutSessions } from './checkout-sessions.service';
import { outcomeResponse } from './payment-intents.api';
import { ApiResponse, StripeErrors } from './stripe-api.errors';
import type { Operation, RequestContext } from './stripe-api.gateway';
import { unknownParam } from './stripe-params';

type Params = Record<string, unknown>;

const eventRequest = (context: RequestContext) => ({ id: context.requestId, idempotency_key: context.idempotencyKey });
const EXPAND_ONLY = /^expand(\[\d*\])?$/;

/** A Checkout Session change as an HTTP answer: the session (or `body` of it), a 404, or a 400 for a closed session. */
export function sessionOutcomeResponse(id: string, outcome: CheckoutSessionOutcome, body: (outcome: CheckoutSessionOutcome & { ok: true }) => unknown = (ok) => ok.session): ApiResponse {
  if (outcome.ok) return { status: 200, body: body(outcome) };
  switch (outcome.reason) {
    case 'not_found':
      return StripeErrors.noSuchCheckoutSession(id);
    case 'not_open':
      return StripeErrors.sessionNotOpen(outcome.session.status);
    case 'payment_refused':
      return outcomeResponse(id, outcome.outcome, 'pay');
  }
}

/** The `/v1/checkout/sessions` operations, run inside `StripeApiGateway.handle`. */
export class CheckoutSessionsApi {
  constructor(
    private readonly sessions: CheckoutSessions,
    private readonly runtime: SandboxRuntime,
    private readonly catalog: StripeCatalog | null = null,
  ) {}

  /** `pageBaseUrl`: the sandbox as the caller reached it, for the hosted page's URL. */
  create(params: Params, pageBaseUrl: string): Operation {
    return () => {
      const parsed = parseCreateCheckoutSession(params, unixSeconds(this.runtime.now()), (id) => this.catalog?.findPrice(id));
      if (!parsed.ok) return { rejected: parsed.error };
      const priced = this.subscriptionPrice(parsed.params);
      if ('error' in priced) return { rejected: priced.error };
      return { executed: { status: 200, body: this.sessions.create({ ...parsed.params, subscriptionPriceId: priced.priceId }, pageBaseUrl) } };
    };
  }

  /** Subscription mode: the recurring price the line names, or the inactive one Stripe creates from its `price_data`. */
  private subscriptionPrice(params: CheckoutSessionRequest): { priceId?: string } | { error: ApiResponse } {
    const request = params.subscription;
    if (!request || !this.catalog) return {};
    if ('priceId' in request) return { priceId: request.priceId };
    const created = this.catalog.createPrice(request.priceData);
    return created.ok ? { priceId: created.price.id } : { error: priceRefusal(created, 'line_items[0][price_data][product]') };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const unknown = Object.keys(params).find((name) => !EXPAND_ONLY.test(name));
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const session = this.sessions.find(id);
      return { executed: session ? { status: 200, body: session } : StripeErrors.noSuchCheckoutSession(id) };
    };
  }

  expire(id: string, params: Params): Operation {
    return (context) => {
      const unknown = unknownParam(params, ['expand']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      return { executed: sessionOutcomeResponse(id, this.sessions.expire(id, { request: eventRequest(context) })) };
    };
  }
}
