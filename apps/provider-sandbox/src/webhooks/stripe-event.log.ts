import type { DeliveryFaults } from '../domain/delivery-faults';
import { StripeEvent, reorderKeyOf } from '../stripe/stripe-event';

export type AttemptOutcome =
  /** The endpoint answered 2xx. */
  | 'delivered'
  /** The endpoint answered, but not with a 2xx. */
  | 'rejected'
  /** No answer: connection refused, reset or timed out. */
  | 'network_error'
  /** Lost on purpose (`dropFirstAttempt`): never sent. */
  | 'dropped';

export interface DeliveryAttempt {
  /** Which copy of the event (1..duplicate). */
  readonly copy: number;
  /** Attempt number within that copy, from 1. */
  readonly attempt: number;
  readonly at: string;
  readonly outcome: AttemptOutcome;
  readonly httpStatus?: number;
  readonly error?: string;
  readonly signatureTimestamp?: number;
  readonly tampered?: boolean;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'no_endpoint';

export interface LoggedEvent {
  readonly event: StripeEvent;
  readonly faults: DeliveryFaults;
  readonly copies: number;
  readonly attempts: DeliveryAttempt[];
  deliveredCopies: number;
  failedCopies: number;
  endpoint: string | null;
}

export interface EventView {
  readonly id: string;
  readonly type: string;
  readonly created: number;
  readonly objectId: string | null;
  readonly status: DeliveryStatus;
  readonly faults: DeliveryFaults;
  readonly attempts: readonly DeliveryAttempt[];
  readonly event: StripeEvent;
}

export function deliveryStatus(logged: LoggedEvent): DeliveryStatus {
  if (!logged.endpoint) return 'no_endpoint';
  if (logged.failedCopies > 0) return 'failed';
  return logged.deliveredCopies === logged.copies ? 'delivered' : 'pending';
}

/** Every event the sandbox created, with what happened to each delivery attempt; for tests. */
export class StripeEventLog {
  private readonly events: LoggedEvent[] = [];

  add(event: StripeEvent, faults: DeliveryFaults, copies: number, endpoint: string | null): LoggedEvent {
    const logged: LoggedEvent = { event, faults, copies, attempts: [], deliveredCopies: 0, failedCopies: 0, endpoint };
    this.events.push(logged);
    return logged;
  }

  /** `subject`: events about one PaymentIntent or one subscription (its invoices and Checkout Session too). */
  list(filter: { objectId?: string; type?: string; subject?: string } = {}): EventView[] {
    return this.events
      .filter((logged) => !filter.type || logged.event.type === filter.type)
      .filter((logged) => !filter.subject || reorderKeyOf(logged.event.data.object) === filter.subject)
      .map((logged) => this.view(logged))
      .filter((view) => !filter.objectId || view.objectId === filter.objectId);
  }

  private view(logged: LoggedEvent): EventView {
    const object = logged.event.data.object as { id?: unknown };
    return {
      id: logged.event.id,
      type: logged.event.type,
      created: logged.event.created,
      objectId: typeof object?.id === 'string' ? object.id : null,
      status: deliveryStatus(logged),
      faults: logged.faults,
      attempts: [...logged.attempts],
      event: logged.event,
    };
  }
}
