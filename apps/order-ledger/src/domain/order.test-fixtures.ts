import { OrderCommand } from './order.commands';
import { decide, evolve, initialState } from './order.decider';
import { OrderEvent } from './order.events';
import { OrderState, OrderStatus } from './order.state';

/** Test helpers for the order decider: given events, when a command, then events. */
export const NOW = new Date('2025-03-01T10:00:00.000Z');
export const ORDER_ID = '6f1c2a9e-3b7d-4c8e-9a51-2d4f6b8c0e13';

export const placeOrder: OrderCommand = {
  type: 'PlaceOrder',
  data: {
    orderId: ORDER_ID,
    userId: 'user-42',
    lines: [{ productId: 'course-typescript-101', kind: 'course', quantity: 1, unitAmountMinor: 49900 }],
    amountMinor: 58882,
    currency: 'INR',
    breakdown: { subtotalMinor: 49900, discountMinor: 0, taxMinor: 8982, totalMinor: 58882 },
    provider: 'cashfree',
    providerReference: 'cf_order_1',
  },
};

export const paymentSucceeded = (
  overrides: Partial<{ providerEventId: string; providerPaymentId: string; amountMinor: number; currency: string }> = {},
): OrderCommand => ({
  type: 'RecordPaymentSucceeded',
  data: { providerEventId: 'evt-1', providerPaymentId: 'pay-1', amountMinor: 58882, currency: 'INR', succeededAt: '2025-03-01T09:59:00.000Z', ...overrides },
});

export const attemptFailed = (providerEventId = 'evt-f1', providerPaymentId = 'pay-0'): OrderCommand => ({
  type: 'RecordPaymentAttemptFailed',
  data: { providerEventId, providerPaymentId, reason: 'card declined', failedAt: '2025-03-01T09:58:00.000Z' },
});

export const requestRefund = (refundId: string, amountMinor: number): OrderCommand => ({ type: 'RequestRefund', data: { refundId, amountMinor } });
export const refundSucceeded = (refundId: string, amountMinor: number): OrderCommand => ({ type: 'RecordRefundSucceeded', data: { refundId, amountMinor } });
export const refundFailed = (refundId: string): OrderCommand => ({ type: 'RecordRefundFailed', data: { refundId, reason: 'bank rejected' } });
export const expireOrder: OrderCommand = { type: 'ExpireOrder', data: {} };
export const failOrder = (providerEventId?: string): OrderCommand => ({
  type: 'FailOrder',
  data: { reason: 'session closed by provider', ...(providerEventId ? { providerEventId } : {}) },
});

export const stateOf = (events: readonly OrderEvent[]): OrderState => events.reduce(evolve, initialState());

/** Decides each command in turn and keeps every event, as the event store would. */
export function history(...commands: OrderCommand[]): OrderEvent[] {
  return commands.reduce<OrderEvent[]>((events, command) => [...events, ...decide(command, stateOf(events), NOW)], []);
}

export const when = (given: readonly OrderEvent[], command: OrderCommand): OrderEvent[] => decide(command, stateOf(given), NOW);
export const typesOf = (events: readonly OrderEvent[]): string[] => events.map((event) => event.type);

/** One history that leaves the order in each status. */
export const HISTORIES: Record<OrderStatus, () => OrderEvent[]> = {
  Initial: () => [],
  Pending: () => history(placeOrder),
  Paid: () => history(placeOrder, paymentSucceeded()),
  PartiallyRefunded: () => history(placeOrder, paymentSucceeded(), requestRefund('r1', 1000), refundSucceeded('r1', 1000)),
  Refunded: () => history(placeOrder, paymentSucceeded(), requestRefund('r1', 58882), refundSucceeded('r1', 58882)),
  Failed: () => history(placeOrder, failOrder()),
  Expired: () => history(placeOrder, expireOrder),
};

/** A provider's dispute report for the fixture order's payment (`pay-1`), stage by stage. */
export const disputeReported = (
  stage: 'opened' | 'updated' | 'won' | 'lost',
  overrides: Partial<Extract<OrderCommand, { type: 'RecordDisputeReported' }>['data']> = {},
): OrderCommand => ({
  type: 'RecordDisputeReported',
  data: {
    providerEventId: `evt-dispute-${stage}`, disputeId: 'du-1', providerPaymentId: 'pay-1', stage, status: `status-${stage}`,
    amountMinor: 58882, currency: 'INR', feeMinor: 1500, inquiry: false, reportedAt: '2025-03-05T10:00:00.000Z', ...overrides,
  },
});

export const disputeAction = (requestId = 'req-1', outcome: 'done' | 'refused' = 'done'): OrderCommand => ({
  type: 'RecordDisputeAction',
  data: { requestId, disputeId: 'du-1', action: 'accept', outcome, ...(outcome === 'done' ? { status: 'lost' } : { errorCode: 'PROVIDER.INVALID_REQUEST' }), completedAt: '2025-03-06T10:00:00.000Z' },
});
