import { EntitlementListDto, OrderViewDto } from '../orders/order-view.dto';

/** One state of an order as its status stream sends it: the order and the access it has granted so far. */
export interface OrderStatusEvent {
  readonly order: OrderViewDto;
  readonly access: EntitlementListDto['entitlements'];
}

/** A Server-Sent Events frame (`event:` + one `data:` line of JSON; JSON never holds a raw newline). */
export function sseFrame(event: string, data: unknown, id?: string): string {
  return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** What a watcher tells apart: a stream sends a new frame only when this changes. */
export function statusFingerprint(event: OrderStatusEvent): string {
  const { order, access } = event;
  return JSON.stringify([order.status, order.refundedMinor, order.lastFailureCode, order.needsReview, order.invoiceNumber, access.map((grant) => grant.entitlementId)]);
}
