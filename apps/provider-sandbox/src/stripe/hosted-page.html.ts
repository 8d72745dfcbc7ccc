import type { CheckoutLineItem, SandboxCheckoutSession } from './checkout-session';
import type { SandboxPaymentIntent } from './payment-intent';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/**
 * A bare test checkout page: three buttons that act as the customer through the control endpoints.
 * With a `returnUrl` (what Stripe.js's `confirmPayment` takes as `return_url`), a successful payment
 * goes there with `payment_intent` and `redirect_status` added, as Stripe does.
 */
export function hostedPaymentPage(intent: SandboxPaymentIntent, returnUrl?: URL): string {
  const id = escapeHtml(intent.id);
  const back = returnUrl ? new URL(returnUrl) : undefined;
  back?.searchParams.set('payment_intent', intent.id);
  back?.searchParams.set('redirect_status', 'succeeded');
  const goBack = back ? `if (body.payment_intent && body.payment_intent.status === 'succeeded') window.location.assign(${JSON.stringify(back.toString()).replace(/</g, '\\u003c')});` : '';
  const amount = `${intent.amount} ${escapeHtml(intent.currency.toUpperCase())} (minor units)`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox checkout ${id}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:.5rem;padding:.5rem 1rem}</style></head>
<body>
<h1>Stripe sandbox checkout</h1>
<p>Test page of the provider-sandbox: no card data, no real money.</p>
<dl><dt>PaymentIntent</dt><dd>${id}</dd><dt>Amount</dt><dd>${amount}</dd>
<dt>Description</dt><dd>${escapeHtml(intent.description ?? '')}</dd><dt>Status</dt><dd id="status">${escapeHtml(intent.status)}</dd></dl>
<button data-action="pay">Pay</button><button data-action="decline">Decline</button><button data-action="abandon">Abandon</button>
<pre id="result"></pre>
<script>
document.querySelectorAll('button[data-action]').forEach((button) => button.addEventListener('click', async () => {
  const response = await fetch('/_sandbox/stripe/payment_intents/${id}/' + button.dataset.action, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
  });
  const body = await response.json();
  document.getElementById('status').textContent = body.payment_intent ? body.payment_intent.status : 'unchanged';
  document.getElementById('result').textContent = JSON.stringify(body, null, 2);
  ${goBack}
}));
</script>
</body>
</html>
`;
}

export function missingPaymentPage(id: string, what = 'PaymentIntent'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>No such ${escapeHtml(what)}: ${escapeHtml(id)}</h1></body></html>\n`;
}

/**
 * The test page of a Checkout Session: its lines, and buttons that pay, decline or abandon (expire)
 * it through the control endpoints; in subscription mode, paying starts the subscription. After paying it goes to `success_url`, as Stripe's page does,
 * with `{CHECKOUT_SESSION_ID}` filled in.
 */
export function checkoutSessionPage(session: SandboxCheckoutSession, lineItems: readonly CheckoutLineItem[]): string {
  const id = escapeHtml(session.id);
  const currency = escapeHtml(session.currency.toUpperCase());
  const every = (line: CheckoutLineItem) => (line.recurring ? `, every ${line.recurring.intervalCount} ${line.recurring.interval}(s)` : '');
  const lines = lineItems.map((line) => `<li>${escapeHtml(line.name)}: ${line.quantity} x ${line.unitAmount} ${currency}${every(line)}</li>`).join('');
  const successUrl = JSON.stringify(session.success_url.replace(/\{CHECKOUT_SESSION_ID\}/g, session.id)).replace(/</g, '\\u003c');
  const back = session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Back to the shop</a></p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox Checkout ${id}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:.5rem;padding:.5rem 1rem}</style></head>
<body>
<h1>Stripe sandbox Checkout${session.mode === 'subscription' ? ' (subscription)' : ''}</h1>
<p>Test page of the provider-sandbox: no card data, no real money.</p>
<ul>${lines}</ul>
<dl><dt>Checkout Session</dt><dd>${id}</dd><dt>Total</dt><dd>${session.amount_total} ${currency} (minor units)</dd>
<dt>Status</dt><dd id="status">${escapeHtml(session.status)}</dd></dl>
<button data-action="pay">Pay</button><button data-action="decline">Decline</button><button data-action="expire">Abandon (expire)</button>
${back}<pre id="result"></pre>
<script>
document.querySelectorAll('button[data-action]').forEach((button) => button.addEventListener('click', async () => {
  const response = await fetch('/_sandbox/stripe/checkout_sessions/${id}/' + button.dataset.action, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
  });
  const body = await response.json();
  document.getElementById('status').textContent = body.checkout_session ? body.checkout_session.status : 'unchanged';
  document.getElementById('result').textContent = JSON.stringify(body, null, 2);
  if (body.checkout_session && body.checkout_session.status === 'complete') window.location.assign(${successUrl});
}));
</script>
</body>
</html>
`;
}
