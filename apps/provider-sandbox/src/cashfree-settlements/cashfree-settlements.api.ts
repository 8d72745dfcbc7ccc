import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import type { CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import type { CashfreeOrders } from '../cashfree/cashfree-orders.service';
import type { SandboxCashfreeSettlement } from './cashfree-settlement';
import { SettlementFilters, pageOf, parseSettlementQuery } from './cashfree-settlement-query.params';
import { orderSettlementEntity, reconRow, settlementListItem } from './cashfree-settlement.views';
import type { CashfreeSettlements } from './cashfree-settlements.service';

const ok = (body: unknown): CashfreeApiResponse => ({ status: 200, body });

/** A settlement matches when it is among the ids and UTRs given, and was settled within the dates given. */
export function matchesFilters(settlement: SandboxCashfreeSettlement, filters: SettlementFilters): boolean {
  const at = settlement.settledAt.getTime();
  return (!filters.cfSettlementIds || filters.cfSettlementIds.includes(settlement.cfSettlementId))
    && (!filters.settlementUtrs || filters.settlementUtrs.includes(settlement.utr))
    && (!filters.from || at >= filters.from.getTime())
    && (!filters.to || at <= filters.to.getTime());
}

/** The `/pg/settlements`, `/pg/settlement/recon` and `/pg/orders/{id}/settlements` operations, run inside `CashfreeApiGateway.handle`. */
export class CashfreeSettlementsApi {
  constructor(
    private readonly settlements: CashfreeSettlements,
    private readonly orders: CashfreeOrders,
  ) {}

  /** One page of the matching settlements, oldest first. */
  list(body: unknown): CashfreeOperation {
    return () => {
      const query = parseSettlementQuery(body);
      if (!query.ok) return { rejected: query.error };
      const matching = this.settlements.list().filter((settlement) => matchesFilters(settlement, query.params.filters));
      return { executed: ok(pageOf(matching.map(settlementListItem), query.params)) };
    };
  }

  /** One page of the events of the matching settlements, settlement by settlement. */
  recon(body: unknown): CashfreeOperation {
    return () => {
      const query = parseSettlementQuery(body);
      if (!query.ok) return { rejected: query.error };
      const rows = this.settlements.list()
        .filter((settlement) => matchesFilters(settlement, query.params.filters))
        .flatMap((settlement) => settlement.events.map((event) => reconRow(event, settlement)));
      return { executed: ok(pageOf(rows, query.params)) };
    };
  }

  /** The settlement of an order's payment; a 404 for an order Cashfree does not know or has not settled. */
  ofOrder(orderId: string): CashfreeOperation {
    return () => {
      if (!this.orders.find(orderId)) return { executed: CashfreeErrors.orderNotFound() };
      const settled = this.settlements.ofOrder(orderId);
      return { executed: settled ? ok(orderSettlementEntity(settled.payment, settled.settlement)) : CashfreeErrors.settlementNotFound() };
    };
  }
}
