import { expandsOf } from '../stripe-billing/billing-api.params';
import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation } from '../stripe/stripe-api.gateway';
import { inRange, listPage, parseListQuery, refuseAllButExpand } from '../stripe/stripe-list';
import { Params, isError, optionalString } from '../stripe/stripe-params';
import type { StripePayouts } from './stripe-payouts.service';

const FILTERS = ['payout', 'type', 'currency', 'source'] as const;

/** The `/v1/balance_transactions` operations, run inside `StripeApiGateway.handle`. */
export class BalanceTransactionsApi {
  constructor(private readonly payouts: StripePayouts) {}

  /**
   * `GET /v1/balance_transactions`: newest first; `payout=po_...` lists what that payout paid out
   * (its own `payout` row among them), else every balance transaction; `type`, `currency`, `source`,
   * `created[...]`, the usual pagination, and `expand[]=data.source`.
   */
  list(params: Params): Operation {
    return () => {
      const query = parseListQuery(params, { known: FILTERS, ranges: ['created'], expandable: ['data.source'] });
      if (!query.ok) return { rejected: query.error };
      const filters: Partial<Record<(typeof FILTERS)[number], string>> = {};
      for (const name of FILTERS) {
        const value = optionalString(params, name, 5000);
        if (isError(value)) return { rejected: value };
        if (value !== null) filters[name] = name === 'currency' ? value.toLowerCase() : value;
      }
      const rows = filters.payout === undefined ? this.payouts.transactions() : this.payouts.transactionsOf(filters.payout);
      if (!rows) return { executed: StripeErrors.noSuchPayout(filters.payout as string, 'payout') };
      const matching = rows.filter((row) => (!filters.type || row.type === filters.type) && (!filters.currency || row.currency === filters.currency)
        && (!filters.source || row.source === filters.source) && inRange(row.created, query.params.ranges.created));
      const page = listPage(matching, query.params.window, '/v1/balance_transactions', (id, param) => StripeErrors.noSuchBalanceTransaction(id, param));
      return { executed: query.params.expand.includes('data.source') ? this.expandSources(page) : page };
    };
  }

  retrieve(id: string, params: Params): Operation {
    return () => {
      const refused = refuseAllButExpand(params, ['source']);
      if (refused) return { rejected: refused };
      const transaction = this.payouts.findTransaction(id);
      if (!transaction) return { executed: StripeErrors.noSuchBalanceTransaction(id) };
      return { executed: { status: 200, body: expandsOf(params).includes('source') ? this.payouts.withSource(transaction) : transaction } };
    };
  }

  private expandSources(page: ApiResponse): ApiResponse {
    if (page.status !== 200) return page;
    const list = page.body as { data: Parameters<StripePayouts['withSource']>[0][] };
    return { ...page, body: { ...list, data: list.data.map((row) => this.payouts.withSource(row)) } };
  }
}
