import { toMajorString } from '@payments/money';
import { PAYMENT_METHOD_CHOICES, SandboxCashfreeOrder } from './cashfree-order';

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

const LABELS = { upi: 'UPI', netbanking: 'Netbanking', wallet: 'Wallet' } as const;

/**
 * A bare stand-in for Cashfree's checkout: pick UPI, netbanking or a wallet, then pay, decline or
 * abandon, each a new attempt through the control endpoints. Declined and abandoned attempts leave
 * the order ACTIVE, so the page can be used again; a paid one goes to the order's return_url.
 */
export function cashfreeCheckoutPage(order: SandboxCashfreeOrder): string {
  const id = escapeHtml(order.orderId);
  // As Cashfree's checkout does: once paid, the customer goes to order_meta.return_url, {order_id} filled in.
  const returnUrl = order.returnUrl ? JSON.stringify(order.returnUrl.replace(/\{order_id\}/g, encodeURIComponent(order.orderId))).replace(/</g, '\\u003c') : null;
  const goBack = returnUrl ? `if (body.order && body.order.order_status === 'PAID') window.location.assign(${returnUrl});` : '';
  const methods = PAYMENT_METHOD_CHOICES.map((method, index) =>
    `<label><input type="radio" name="method" value="${method}"${index === 0 ? ' checked' : ''}> ${LABELS[method]}</label>`).join(' ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox Cashfree checkout ${id}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:.5rem;padding:.5rem 1rem}fieldset{margin:1rem 0}</style></head>
<body>
<h1>Cashfree sandbox checkout</h1>
<p>Test page of the provider-sandbox: no bank, no real money.</p>
<dl><dt>Order</dt><dd>${id}</dd><dt>Amount</dt><dd>&#8377; ${toMajorString({ amountMinor: order.amountMinor, currency: order.currency })}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(order.status)}</dd><dt>Attempts</dt><dd id="attempts">${order.attempts.length}</dd></dl>
<fieldset><legend>Pay with</legend>${methods}</fieldset>
<button data-action="pay">Pay</button><button data-action="decline">Decline</button><button data-action="abandon">Abandon</button>
<pre id="result"></pre>
<script>
document.querySelectorAll('button[data-action]').forEach((button) => button.addEventListener('click', async () => {
  const paymentMethod = document.querySelector('input[name="method"]:checked').value;
  const response = await fetch('/_sandbox/cashfree/orders/${encodeURIComponent(order.orderId)}/' + button.dataset.action, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentMethod }),
  });
  const body = await response.json();
  if (body.order) document.getElementById('status').textContent = body.order.order_status;
  document.getElementById('result').textContent = JSON.stringify(body, null, 2);
  ${goBack}
}));
</script>
</body>
</html>
`;
}

export function missingOrderPage(orderId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>No such Cashfree order: ${escapeHtml(orderId)}</h1></body></html>\n`;
}
