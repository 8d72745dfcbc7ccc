import { ReturnedOrderStatus } from './payment-status-check.service';

const HEADLINES: Record<string, string> = {
  pending: 'We are confirming your payment',
  paid: 'Payment received, thank you',
  partially_refunded: 'Payment received (partly refunded)',
  refunded: 'This order was refunded',
  failed: 'The payment did not go through',
  expired: 'This checkout expired',
};

/** Seconds before a pending page reloads itself to show the confirmed status. */
export const PENDING_REFRESH_SECONDS = 5;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The small page a browser sees on its way back from the provider. */
export function renderReturnPage(order: ReturnedOrderStatus): string {
  const headline = HEADLINES[order.status] ?? `Order status: ${order.status}`;
  const refresh = order.status === 'pending' ? `<meta http-equiv="refresh" content="${PENDING_REFRESH_SECONDS}">` : '';
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8">${refresh}<title>${escapeHtml(headline)}</title></head>`,
    `<body><h1>${escapeHtml(headline)}</h1>`,
    `<p>Order <code>${escapeHtml(order.orderId)}</code>: <strong data-status="${escapeHtml(order.status)}">${escapeHtml(order.status)}</strong></p>`,
    '</body></html>',
  ].join('\n');
}
