import { OrderViewDto } from '../orders/order-view.dto';
import { OrderStatusEvent, sseFrame, statusFingerprint } from './order-status-event';

const order = { orderId: 'o-1', status: 'pending', refundedMinor: 0, lastFailureCode: null, needsReview: false, invoiceNumber: null } as unknown as OrderViewDto;
const pending: OrderStatusEvent = { order, access: [] };

describe('order status events', () => {
  it('frames an event as one SSE message with its JSON on a single data line', () => {
    expect(sseFrame('order', { text: 'two\nlines' }, '3')).toBe('id: 3\nevent: order\ndata: {"text":"two\\nlines"}\n\n');
  });

  it('tells a paid order, a refund and a grant apart from the pending order, and nothing else', () => {
    const paid = { order: { ...order, status: 'paid', invoiceNumber: 'INV-2026-000001' }, access: [] };
    const refunded = { order: { ...order, status: 'partially_refunded', refundedMinor: 500 }, access: [] };
    const granted = { ...pending, access: [{ entitlementId: 'e-1', productId: 'p', kind: 'course', orderId: 'o-1', grantedAt: new Date(0) }] } as unknown as OrderStatusEvent;
    const touched = { order: { ...order, updatedAt: new Date() }, access: [] };
    const prints = [pending, paid, refunded, granted].map(statusFingerprint);
    expect(new Set(prints).size).toBe(4);
    expect(statusFingerprint(touched as unknown as OrderStatusEvent)).toBe(statusFingerprint(pending));
  });
});
