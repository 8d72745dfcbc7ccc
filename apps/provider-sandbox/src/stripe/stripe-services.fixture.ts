import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import type { StripeEventRequest } from './stripe-event';

/** An event the services handed to the publisher, for unit specs. */
export interface PublishedForTest {
  readonly type: string;
  readonly object: { id: string } & Record<string, unknown>;
  readonly request: StripeEventRequest;
  readonly previousAttributes?: Record<string, unknown>;
}

/** A publisher that records instead of delivering, and a clock and id generator the spec controls. */
export function recordingSandbox(startAt: string) {
  const published: PublishedForTest[] = [];
  let now = Date.parse(startAt);
  let sequence = 0;
  const runtime: SandboxRuntime = { now: () => new Date(now), newId: (prefix) => `${prefix}_${++sequence}` };
  const publisher = {
    publish: (type: string, object: unknown, request: StripeEventRequest, _faults?: unknown, previousAttributes?: Record<string, unknown>) => {
      published.push({ type, object: structuredClone(object) as PublishedForTest['object'], request, ...(previousAttributes ? { previousAttributes } : {}) });
      return { event: { id: `evt_${published.length}` } };
    },
  } as unknown as StripeWebhookPublisher;
  return { published, runtime, publisher, advanceSeconds: (seconds: number) => { now += seconds * 1000; } };
}
