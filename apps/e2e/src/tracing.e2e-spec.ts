import { randomUUID } from 'node:crypto';
import { Topics } from '@payments/contracts';
import { eventually } from '@payments/testing';
import { E2E_URLS, E2eSystem, bearerFor, messagesAbout, openCheckout, startE2eSystem, topicRecorder } from './e2e-system';
import { CollectedSpan, OtlpCollector } from './otlp-collector.fixture';

interface Opened { orderId: string; payment: { providerReference: string } }

/** The spans from `span` up to the root of its trace, nearest first. */
function ancestry(spans: readonly CollectedSpan[], span: CollectedSpan): CollectedSpan[] {
  const byId = new Map(spans.map((each) => [each.spanId, each]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}

describe('one payment as one trace, exported over OTLP', () => {
  let collector: OtlpCollector;
  let e2e: E2eSystem;
  let recorder: Awaited<ReturnType<typeof topicRecorder>>;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    e2e = await startE2eSystem({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, OTEL_BSP_SCHEDULE_DELAY: '200' });
    recorder = await topicRecorder([Topics.entitlementGranted]);
  });

  afterAll(async () => {
    await recorder?.stop();
    await e2e?.stop();
    await collector?.stop();
  });

  it('follows a payment from the webhook through order-ledger to entitlement-granted, and a checkout through checkout', async () => {
    const token = await bearerFor(`user-${randomUUID()}`);
    const { body: opened } = await openCheckout<Opened>(token, { productId: 'course-typescript-101', currency: 'USD' });
    const pay = await fetch(`${E2E_URLS.sandbox}/_sandbox/stripe/payment_intents/${opened.payment.providerReference}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(pay.status).toBe(200);
    await eventually(async () => (messagesAbout(recorder, Topics.entitlementGranted, opened.orderId).length > 0 ? true : undefined), 60_000, 'entitlement-granted');

    // entitlements' span for the OrderPaid that granted access, once every service has exported.
    const granted = await eventually(async () => collector.spans.find((span) => span.service === 'entitlements' && span.name === `${Topics.ordersEvents} process`
      && ancestry(collector.spans, span).some((up) => up.service === 'webhook-ingest')), 30_000, "entitlements' span in the webhook's trace");
    const chain = ancestry(collector.spans, granted).map((span) => `${span.service}: ${span.name}`);
    expect(chain).toEqual(expect.arrayContaining([
      `entitlements: ${Topics.ordersEvents} process`,
      `order-ledger: handle PaymentSucceeded`,
      `order-ledger: ${Topics.providerEvents} process`,
      'webhook-ingest: POST /webhooks/stripe',
    ]));
    expect(chain.at(-1)).toBe('webhook-ingest: POST /webhooks/stripe');

    // The checkout: the gateway's request, checkout's consumer span and its provider call, in one trace.
    const providerCall = await eventually(async () => collector.spans.find((span) => span.service === 'checkout' && span.name === 'provider.stripe.openCheckout'
      && ancestry(collector.spans, span).some((up) => up.service === 'gateway' && up.name === 'POST /api/payments/checkout')), 30_000, 'the provider call in the checkout trace');
    expect(ancestry(collector.spans, providerCall).map((span) => span.service)).toEqual(expect.arrayContaining(['checkout', 'gateway']));
  });
});
