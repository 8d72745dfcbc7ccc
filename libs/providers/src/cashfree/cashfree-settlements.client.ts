import { ProviderError } from '../port/provider.errors';
import type { ProviderSettlement, SettlementDayQuery } from '../port/settlement.port';
import type { CashfreeHttpClient } from './cashfree-http.client';
import { writeCashfreeJson } from './cashfree-json.writer';
import { disputeIdOfRow, isDisputeRow, malformedSettlement, movesMoney, toProviderSettlement, toSettlementLine } from './cashfree-recon.mapper';
import type { CashfreeDisputeEntity, CashfreePage, CashfreeReconRow, CashfreeSettlementItem } from './cashfree-settlement.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function assertDay(date: string): void {
  const start = Date.parse(`${date}T00:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== date) {
    throw new ProviderError('PROVIDER.INVALID_REQUEST', `a settlement day is YYYY-MM-DD, not "${date}"`);
  }
}

/**
 * Cashfree settlements of a day: `POST /settlements` for the day's settlements (by settlement date,
 * the day's first to last second, UTC), then `POST /settlement/recon` for their events, each followed
 * page by page until Cashfree's cursor runs out.
 */
export class CashfreeSettlements {
  constructor(
    private readonly http: CashfreeHttpClient,
    /** Items asked for per page (Cashfree: at most 1000). */
    private readonly pageSize: number,
    private readonly orderDisputes: (orderId: string) => Promise<CashfreeDisputeEntity[]>,
  ) {}

  async listDay(query: SettlementDayQuery): Promise<ProviderSettlement[]> {
    assertDay(query.date);
    const day = { start_date: `${query.date}T00:00:00Z`, end_date: `${query.date}T23:59:59Z` };
    const items = await this.allPages<CashfreeSettlementItem>('/settlements', day, 'list settlements');
    if (items.length === 0) return [];
    const ids = items.map((item) => String(item.cf_settlement_id ?? item.settlement_id));
    const rows = (await this.allPages<CashfreeReconRow>('/settlement/recon', { cf_settlement_ids: ids }, 'settlement recon')).filter(movesMoney);
    const disputeIds = await this.disputeIdsOf(rows);
    return items.map((item, index) => {
      const own = rows.filter((row) => String(row.cf_settlement_id) === ids[index]);
      return toProviderSettlement(item, own.map((row) => toSettlementLine(row, disputeIds.get(row) ?? null)));
    });
  }

  private async allPages<T>(path: string, filters: Record<string, unknown>, what: string): Promise<T[]> {
    const all: T[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (;;) {
      const body = writeCashfreeJson({ pagination: { limit: this.pageSize, cursor }, filters });
      const page: CashfreePage<T> = await this.http.call<CashfreePage<T>>({ method: 'POST', path, body, what });
      const data = page.data ?? [];
      all.push(...data);
      cursor = page.cursor ?? null;
      if (!cursor || data.length === 0) return all;
      if (seen.has(cursor)) throw malformedSettlement(`${what} answered the same cursor twice`);
      seen.add(cursor);
    }
  }

  /** The dispute of each dispute row, looked up among its order's disputes (one call per order). */
  private async disputeIdsOf(rows: readonly CashfreeReconRow[]): Promise<Map<CashfreeReconRow, string | null>> {
    const byOrder = new Map<string, Promise<CashfreeDisputeEntity[]>>();
    const ids = new Map<CashfreeReconRow, string | null>();
    for (const row of rows.filter(isDisputeRow)) {
      const orderId = row.order_id;
      if (!orderId) {
        ids.set(row, null);
        continue;
      }
      if (!byOrder.has(orderId)) byOrder.set(orderId, this.orderDisputes(orderId));
      ids.set(row, disputeIdOfRow(row, await (byOrder.get(orderId) as Promise<CashfreeDisputeEntity[]>)));
    }
    return ids;
  }
}
