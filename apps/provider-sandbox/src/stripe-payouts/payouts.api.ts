import { StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation } from '../stripe/stripe-api.gateway';
import { inRange, listPage, parseListQuery, refuseAllButExpand } from '../stripe/stripe-list';
import { Params, isError, optionalEnum } from '../stripe/stripe-params';
import type { StripePayouts } from './stripe-payouts.service';

const PAYOUT_STATUSES = ['paid', 'pending', 'in_transit', 'canceled', 'failed'] as const;

/** The `/v1/payouts` operations, run inside `StripeApiGateway.handle`. */
export class PayoutsApi {
  constructor(private readonly payouts: StripePayouts) {}

  /** `GET /v1/payouts`: newest first; `arrival_date[...]`, `created[...]`, `status`, the usual pagination. */
  list(params: Params): Operation {
    return () => {
      const query = parseListQuery(params, { known: ['status'], ranges: ['arrival_date', 'created'] });
      if (!query.ok) return { rejected: query.error };
      const status = optionalEnum(params, 'status', PAYOUT_STATUSES);
      if (isError(status)) return { rejected: status };
      const { ranges, window } = query.params;
      const payouts = this.payouts.list().filter((payout) =>
        (status === null || payout.status === status) && inRange(payout.arrival_date, ranges.arrival_date) && inRange(payout.created, ranges.created));
      return { executed: listPage(payouts, window, '/v1/payouts', (id, param) => StripeErrors.noSuchPayout(id, param)) };
    };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const refused = refuseAllButExpand(params);
      if (refused) return { rejected: refused };
      const payout = this.payouts.find(id);
      return { executed: payout ? { status: 200, body: payout } : StripeErrors.noSuchPayout(id, 'id') };
    };
  }
}
