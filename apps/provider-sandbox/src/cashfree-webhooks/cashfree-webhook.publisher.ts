import { DeliveryFaults, copiesToDeliver } from '../domain/delivery-faults';
import type { RunFaultPlan } from '../domain/run-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { ReorderGate } from '../webhooks/reorder.gate';
import type { WebhookDispatcher } from '../webhooks/webhook.dispatcher';
import { CashfreeEventLog, LoggedCashfreeWebhook } from './cashfree-event.log';
import type { CashfreeWebhookPayload } from './cashfree-webhook.payloads';
import { signCashfreeDelivery } from './cashfree-webhook.signer';

export interface CashfreeWebhookPublisherOptions {
  /** Cashfree signs webhooks with the merchant's secret key. */
  readonly secretKey: string;
  readonly webhookVersion: string;
  /** The dashboard-configured endpoint; an order's own `notify_url` takes precedence. Null: record only. */
  readonly endpoint: string | null;
}

/** What a webhook is about: an order (payments, refunds) or a subscription; reordering holds it behind the next webhook of the same one. */
export interface CashfreeWebhookSubject {
  readonly orderId: string | null;
  readonly subscriptionId?: string | null;
  readonly objectId: string;
  readonly notifyUrl: string | null;
}

/**
 * Logs Cashfree webhooks and hands them to the sandbox's shared dispatcher (same copies, faults,
 * run faults and retries as Stripe's). A `reorder` webhook waits until the next webhook about the
 * same order (or subscription) has been delivered: a declined attempt's webhook then arrives after the success that
 * followed it.
 */
export class CashfreeWebhookPublisher {
  private readonly gate = new ReorderGate();

  constructor(
    private readonly options: CashfreeWebhookPublisherOptions,
    private readonly log: CashfreeEventLog,
    private readonly dispatcher: WebhookDispatcher,
    private readonly runtime: SandboxRuntime,
    private readonly runFaults: RunFaultPlan,
  ) {}

  publish(payload: CashfreeWebhookPayload, subject: CashfreeWebhookSubject, requested: DeliveryFaults = {}): LoggedCashfreeWebhook {
    const faults = this.runFaults.forEvent(requested);
    const logged = this.log.add({
      id: this.runtime.newId('cfwh'),
      type: payload.type,
      orderId: subject.orderId,
      subscriptionId: subject.subscriptionId ?? null,
      objectId: subject.objectId,
      payload,
      faults,
      copies: copiesToDeliver(faults),
      endpoint: subject.notifyUrl ?? this.options.endpoint,
    });
    const signing = { secret: this.options.secretKey, webhookVersion: this.options.webhookVersion, faults };
    const deliver = () => this.dispatcher.dispatchSigned(logged, (attempt) => signCashfreeDelivery(payload, signing, this.runtime.now().getTime(), attempt));
    this.gate.send(subject.subscriptionId ?? subject.orderId, deliver, faults);
    return logged;
  }
}
