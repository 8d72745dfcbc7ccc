import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation, RequestContext } from '../stripe/stripe-api.gateway';
import { inRange, listPage, parseListQuery, refuseAllButExpand } from '../stripe/stripe-list';
import { Params, isError, optionalString } from '../stripe/stripe-params';
import { parseUpdateDispute } from './dispute.params';
import type { DisputeChangeOutcome, StripeDisputes } from './stripe-disputes.service';

const eventRequest = (context: RequestContext) => ({ id: context.requestId, idempotency_key: context.idempotencyKey });

/** A dispute change as an HTTP answer: the dispute, a 404, or a 400 for a dispute that cannot take it. */
export function disputeAnswer(id: string, outcome: DisputeChangeOutcome, action: string): ApiResponse {
  if (outcome.ok) return { status: 200, body: outcome.dispute };
  if (outcome.reason === 'not_found') return StripeErrors.noSuchDispute(id);
  return StripeErrors.disputeNotOpen(id, outcome.dispute.status, action);
}

/** The `/v1/disputes` operations, run inside `StripeApiGateway.handle`. */
export class DisputesApi {
  constructor(private readonly disputes: StripeDisputes) {}

  /** `GET /v1/disputes`: newest first; `charge`, `payment_intent`, `created[...]`, the usual pagination. */
  list(params: Params): Operation {
    return () => {
      const query = parseListQuery(params, { known: ['charge', 'payment_intent'], ranges: ['created'] });
      if (!query.ok) return { rejected: query.error };
      const chargeId = optionalString(params, 'charge', 5000);
      if (isError(chargeId)) return { rejected: chargeId };
      const paymentIntentId = optionalString(params, 'payment_intent', 5000);
      if (isError(paymentIntentId)) return { rejected: paymentIntentId };
      const disputes = this.disputes.list({ chargeId: chargeId ?? undefined, paymentIntentId: paymentIntentId ?? undefined })
        .filter((dispute) => inRange(dispute.created, query.params.ranges.created));
      return { executed: listPage(disputes, query.params.window, '/v1/disputes', (cursor, param) => StripeErrors.noSuchDispute(cursor, param)) };
    };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const refused = refuseAllButExpand(params);
      if (refused) return { rejected: refused };
      const dispute = this.disputes.find(id);
      return { executed: dispute ? { status: 200, body: dispute } : StripeErrors.noSuchDispute(id) };
    };
  }

  /** `POST /v1/disputes/:id`: evidence and metadata saved; with `submit=true` sent to the bank (`under_review`). */
  update(id: string, params: Params): Operation {
    return (context) => {
      const parsed = parseUpdateDispute(params);
      if (!parsed.ok) return { rejected: parsed.error };
      const { evidence, metadata, submit } = parsed.params;
      const command = { type: submit ? 'SubmitEvidence' : 'SaveEvidence', evidence, metadata } as const;
      return { executed: disputeAnswer(id, this.disputes.change(id, command, { request: eventRequest(context) }), 'update') };
    };
  }

  /** `POST /v1/disputes/:id/close`: conceded, `lost` for good. */
  close(id: string, params: Params): Operation {
    return (context) => {
      const refused = refuseAllButExpand(params);
      if (refused) return { rejected: refused };
      return { executed: disputeAnswer(id, this.disputes.change(id, { type: 'Close' }, { request: eventRequest(context) }), 'close') };
    };
  }
}
