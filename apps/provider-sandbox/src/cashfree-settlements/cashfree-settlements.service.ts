import { isDeepStrictEqual } from 'node:util';
import type { DeliveryFaults } from '../domain/delivery-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { CashfreeOrders, SentWebhook } from '../cashfree/cashfree-orders.service';
import type { CashfreeFeeSchedule } from '../cashfree/cashfree-settlement.fees';
import type { CashfreeDisputes } from '../cashfree-disputes/cashfree-disputes.service';
import type { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import type { ReconEvent } from './cashfree-recon-event';
import { reconEventsOfDay } from './cashfree-recon-events';
import { SandboxCashfreeSettlement, settlementTotals, settlementWindow } from './cashfree-settlement';
import { SettlementDiscrepancies, applyDiscrepancies } from './cashfree-settlement-discrepancies';
import { settlementWebhookPayload } from './cashfree-settlement.views';

export type SettleOutcome =
  | { readonly ok: true; readonly settlement: SandboxCashfreeSettlement; readonly created: boolean; readonly webhook: SentWebhook | null }
  | { readonly ok: false; readonly reason: 'discrepancy' | 'conflict' | 'empty'; readonly message: string };

/**
 * The sandbox's Cashfree settlements, in memory: at most one per UTC day, made on request from the
 * day's payments, refunds and dispute movements (with any discrepancies asked for) and sent as a
 * signed `SETTLEMENT_SUCCESS` webhook. Asking again for a settled day with the same discrepancies
 * answers the same settlement and sends nothing; what happens on a day after it is settled is in no
 * settlement.
 */
export class CashfreeSettlements {
  private readonly byDate = new Map<string, SandboxCashfreeSettlement>();
  private lastSettlementNumber = 0;
  private lastEventId = 8_800_000_000;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly orders: CashfreeOrders,
    private readonly disputes: CashfreeDisputes,
    private readonly publisher: CashfreeWebhookPublisher,
    private readonly fees: CashfreeFeeSchedule,
  ) {}

  /** Throws `SettlementDateError` for a date that is not a calendar day. */
  settle(date: string, discrepancies: SettlementDiscrepancies, faults: DeliveryFaults = {}): SettleOutcome {
    const window = settlementWindow(date);
    const existing = this.byDate.get(date);
    if (existing) {
      if (isDeepStrictEqual(existing.discrepancies, discrepancies)) return { ok: true, settlement: existing, created: false, webhook: null };
      return { ok: false, reason: 'conflict', message: date };
    }
    const newEventId = () => String((this.lastEventId += 1));
    const day = reconEventsOfDay({ date, orders: this.orders.list().reverse(), disputes: this.disputes.list(), rules: this.fees.rules, newEventId });
    if (day.length === 0 && discrepancies.unknownFee === undefined) return { ok: false, reason: 'empty', message: date };
    const events = applyDiscrepancies(day, discrepancies, window.paymentTill, newEventId);
    if (!events.ok) return { ok: false, reason: 'discrepancy', message: events.message };
    this.lastSettlementNumber += 1;
    const cfSettlementId = String(6_121_000 + this.lastSettlementNumber);
    const settlement: SandboxCashfreeSettlement = {
      cfSettlementId, transferId: this.lastSettlementNumber, date, utr: `N${cfSettlementId.padStart(12, '0')}`, ...window,
      events: events.value, totals: settlementTotals(events.value), discrepancies,
    };
    this.byDate.set(date, settlement);
    const logged = this.publisher.publish(settlementWebhookPayload(settlement, this.runtime.now()), { orderId: null, objectId: cfSettlementId, notifyUrl: null }, faults);
    return { ok: true, settlement, created: true, webhook: { id: logged.id, type: logged.type } };
  }

  /** Oldest first. */
  list(): SandboxCashfreeSettlement[] {
    return [...this.byDate.values()].sort((a, b) => Number(a.cfSettlementId) - Number(b.cfSettlementId));
  }

  /** The first settlement that paid the order's payment, and that payment's event. */
  ofOrder(orderId: string): { settlement: SandboxCashfreeSettlement; payment: ReconEvent } | undefined {
    for (const settlement of this.list()) {
      const payment = settlement.events.find((event) => event.eventType === 'PAYMENT' && event.order?.orderId === orderId);
      if (payment) return { settlement, payment };
    }
    return undefined;
  }
}
