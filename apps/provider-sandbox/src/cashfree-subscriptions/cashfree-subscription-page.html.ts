import { toMajorString } from '@payments/money';
import { escapeHtml } from '../cashfree/cashfree-hosted-page.html';
import type { CashfreeSubscriptionRecord } from './cashfree-subscription';

const LABELS = { upi: 'UPI Autopay', enach: 'eNACH', card: 'Card' } as const;

/**
 * A bare stand-in for the mandate page Cashfree's JS SDK opens with a subscription_session_id:
 * pick UPI Autopay, eNACH or a card (those the subscription allows), then approve or fail the
 * mandate through the control endpoints. An approved mandate goes back to the subscription's
 * `subscription_meta.return_url`, as Cashfree's page does.
 */
export function subscriptionAuthorizationPage(subscription: CashfreeSubscriptionRecord): string {
  const id = encodeURIComponent(subscription.subscriptionId);
  const methods = subscription.paymentMethods.map((method, index) =>
    `<label><input type="radio" name="method" value="${method}"${index === 0 ? ' checked' : ''}> ${LABELS[method]}</label>`).join(' ');
  const { plan } = subscription;
  const every = `every ${plan.intervals} ${plan.intervalType.toLowerCase()}(s)`;
  const goBack = subscription.returnUrl
    ? `if (response.ok && button.dataset.action === 'approve') window.location.assign(${JSON.stringify(subscription.returnUrl).replace(/</g, '\\u003c')});`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sandbox Cashfree mandate ${escapeHtml(subscription.subscriptionId)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto}button{margin-right:.5rem;padding:.5rem 1rem}fieldset{margin:1rem 0}</style></head>
<body>
<h1>Cashfree sandbox mandate</h1>
<p>Test page of the provider-sandbox: no bank, no real money.</p>
<dl><dt>Subscription</dt><dd>${escapeHtml(subscription.subscriptionId)}</dd><dt>Plan</dt><dd>${escapeHtml(plan.name)}: &#8377; ${toMajorString({ amountMinor: plan.recurringAmountMinor, currency: 'INR' })} ${every}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(subscription.status)}</dd></dl>
<fieldset><legend>Authorize with</legend>${methods}</fieldset>
<button data-action="approve">Approve</button><button data-action="decline">Fail</button>
<pre id="result"></pre>
<script>
document.querySelectorAll('button[data-action]').forEach((button) => button.addEventListener('click', async () => {
  const paymentMethod = document.querySelector('input[name="method"]:checked').value;
  const response = await fetch('/_sandbox/cashfree/subscriptions/${id}/' + button.dataset.action, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paymentMethod }),
  });
  const body = await response.json();
  if (body.subscription) document.getElementById('status').textContent = body.subscription.subscription_status;
  document.getElementById('result').textContent = JSON.stringify(body, null, 2);
  ${goBack}
}));
</script>
</body>
</html>
`;
}

export function missingSubscriptionPage(sessionId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>No such subscription session: ${escapeHtml(sessionId)}</h1></body></html>\n`;
}
