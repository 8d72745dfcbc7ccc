import type { OrderEvent } from '../../domain/order.events';
import { PlacedOrder, isSettled } from '../../domain/order.state';
import { decideDisputeAction, decideDisputeReport, evolveDisputes } from './dispute.decider';
import { DisputeActionReport, DisputeEvent, DisputeReport } from './dispute.events';

/*
 * Disputes on the order aggregate. A dispute is against money the order was paid: reported before
 * the order is paid (its payment webhook still on its way), it is recorded on the stream and
 * decided the moment the order is paid, with the same events as if it had come after. Refunded and
 * partially refunded orders can be disputed too (for the amount the provider reports).
 */

const disputeOf = (order: PlacedOrder, disputeId: string) => order.disputes.find((dispute) => dispute.disputeId === disputeId);

export function recordDisputeReported(report: DisputeReport, order: PlacedOrder, at: string): OrderEvent[] {
  if (!isSettled(order)) {
    const seen = order.disputesAwaitingPayment.some((waiting) => waiting.providerEventId === report.providerEventId);
    return seen ? [] : [{ type: 'DisputeReceivedBeforePayment', data: { orderId: order.orderId, report, receivedAt: at } }];
  }
  return decideDisputeReport(order.orderId, disputeOf(order, report.disputeId), report);
}

export function recordDisputeAction(report: DisputeActionReport, order: PlacedOrder, at: string): OrderEvent[] {
  return decideDisputeAction(order.orderId, disputeOf(order, report.disputeId), report, at);
}

/** After the events that paid `paid`: the disputes that waited for the payment, decided in the order they came. */
export function decideAwaitingDisputes(
  waiting: readonly DisputeReport[], paid: PlacedOrder, at: string, evolve: (order: PlacedOrder, event: OrderEvent) => PlacedOrder,
): OrderEvent[] {
  const events: OrderEvent[] = [];
  let order = paid;
  for (const report of waiting) {
    const decided = recordDisputeReported(report, order, at);
    events.push(...decided);
    order = decided.reduce(evolve, order);
  }
  return events;
}

/** The order after a dispute event. */
export function withDisputeEvent<O extends PlacedOrder>(order: O, event: DisputeEvent): O {
  return { ...order, disputes: evolveDisputes(order.disputes, event) };
}

/** The order after a dispute report that came before its payment. */
export function withDisputeAwaitingPayment<O extends PlacedOrder>(order: O, report: DisputeReport): O {
  return { ...order, disputesAwaitingPayment: [...order.disputesAwaitingPayment, report] };
}
