import type { DeliveryFaults } from '../domain/delivery-faults';
import type { DeliveryAttempt, DeliveryStatus } from '../webhooks/stripe-event.log';
import type { DeliveryRecord } from '../webhooks/webhook.dispatcher';
import type { CashfreeWebhookPayload, CashfreeWebhookType } from './cashfree-webhook.payloads';

/** One webhook the sandbox sent (or would have sent), with every delivery attempt. */
export interface LoggedCashfreeWebhook extends DeliveryRecord {
  /** The sandbox's own id for the webhook, for tests; Cashfree sends none. */
  readonly id: string;
  readonly type: CashfreeWebhookType;
  /** The order of payment and refund webhooks; null for subscription webhooks. */
  readonly orderId: string | null;
  /** The merchant's `subscription_id` of subscription webhooks; null for order webhooks. */
  readonly subscriptionId: string | null;
  /** `cf_payment_id` of payment webhooks, `cf_refund_id` of refund webhooks, `cf_subscription_id` or `cf_payment_id` of subscription webhooks. */
  readonly objectId: string;
  readonly payload: CashfreeWebhookPayload;
}

export interface CashfreeWebhookView {
  readonly id: string;
  readonly type: CashfreeWebhookType;
  readonly orderId: string | null;
  readonly subscriptionId: string | null;
  readonly objectId: string;
  readonly status: DeliveryStatus;
  readonly faults: DeliveryFaults;
  readonly endpoint: string | null;
  readonly attempts: readonly DeliveryAttempt[];
}

function statusOf(logged: LoggedCashfreeWebhook): DeliveryStatus {
  if (!logged.endpoint) return 'no_endpoint';
  if (logged.failedCopies > 0) return 'failed';
  return logged.deliveredCopies === logged.copies ? 'delivered' : 'pending';
}

/** Every Cashfree webhook the sandbox created, and what happened to its deliveries; for tests. */
export class CashfreeEventLog {
  private readonly webhooks: LoggedCashfreeWebhook[] = [];

  add(webhook: Omit<LoggedCashfreeWebhook, 'attempts' | 'deliveredCopies' | 'failedCopies'>): LoggedCashfreeWebhook {
    const logged: LoggedCashfreeWebhook = { ...webhook, attempts: [], deliveredCopies: 0, failedCopies: 0 };
    this.webhooks.push(logged);
    return logged;
  }

  list(filter: { orderId?: string; subscriptionId?: string; type?: string } = {}): CashfreeWebhookView[] {
    return this.webhooks
      .filter((logged) => (!filter.orderId || logged.orderId === filter.orderId) && (!filter.type || logged.type === filter.type))
      .filter((logged) => !filter.subscriptionId || logged.subscriptionId === filter.subscriptionId)
      .map((logged) => ({
        id: logged.id, type: logged.type, orderId: logged.orderId, subscriptionId: logged.subscriptionId, objectId: logged.objectId, status: statusOf(logged),
        faults: logged.faults, endpoint: logged.endpoint, attempts: [...logged.attempts],
      }));
  }
}
