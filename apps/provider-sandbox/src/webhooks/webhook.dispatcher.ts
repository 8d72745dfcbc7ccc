import { RetrySchedule, delayBeforeNextAttempt } from '../domain/retry-schedule';
import { SandboxRuntime, unixSeconds } from '../domain/sandbox-runtime';
import { signWebhook } from '../stripe/stripe-event';
import { postRaw } from './raw-http.post';
import type { AttemptOutcome, DeliveryAttempt, LoggedEvent } from './stripe-event.log';
import type { DeliveryFaults } from '../domain/delivery-faults';

export interface WebhookDispatcherOptions {
  readonly secrets: readonly string[];
  readonly schedule: RetrySchedule;
  readonly attemptTimeoutMs: number;
}

type AttemptResult = Pick<DeliveryAttempt, 'outcome' | 'httpStatus' | 'error' | 'signatureTimestamp' | 'tampered'>;

/** What the dispatcher needs of any provider's event: where it goes, the faults, and where attempts are recorded. */
export interface DeliveryRecord {
  readonly faults: DeliveryFaults;
  readonly copies: number;
  readonly attempts: DeliveryAttempt[];
  deliveredCopies: number;
  failedCopies: number;
  endpoint: string | null;
}

/** One attempt's exact bytes and headers, signed the provider's way with a fresh timestamp. */
export interface SignedDelivery {
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly signatureTimestamp: number;
  readonly tampered: boolean;
}

/** Signs attempt `attempt` (from 1) of one copy; called again for every retry. */
export type DeliverySigner = (attempt: number) => SignedDelivery;

/**
 * Delivers logged events to their endpoint in the background: copies one after another (or all at
 * once with `concurrentDuplicates`), each retried with exponential backoff on a non-2xx answer or a
 * network failure, every attempt freshly signed. `stop()` cancels waits and requests in flight.
 */
export class WebhookDispatcher {
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly aborter = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly options: WebhookDispatcherOptions,
    private readonly runtime: SandboxRuntime,
  ) {}

  /** Resolves once every copy of the event was delivered, or given up, or the dispatcher stopped. */
  dispatch(logged: LoggedEvent): Promise<void> {
    return this.dispatchSigned(logged, () => this.signStripe(logged));
  }

  /** Delivers another provider's event (Cashfree), with the same copies, faults and retries, signed by `sign`. */
  dispatchSigned(delivery: DeliveryRecord, sign: DeliverySigner): Promise<void> {
    if (!delivery.endpoint) return Promise.resolve();
    const run = this.deliverAllCopies(delivery, delivery.endpoint, sign).finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /** Resolves once every delivery started so far has finished or been stopped. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async stop(): Promise<void> {
    this.aborter.abort();
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    await this.idle();
  }

  private get stopped(): boolean {
    return this.aborter.signal.aborted;
  }

  private async deliverAllCopies(logged: DeliveryRecord, endpoint: string, sign: DeliverySigner): Promise<void> {
    if (logged.faults.delayMs) await this.sleep(logged.faults.delayMs);
    const copies = Array.from({ length: logged.copies }, (_, index) => index + 1);
    if (logged.faults.concurrentDuplicates) {
      await Promise.all(copies.map((copy) => this.deliverCopy(logged, endpoint, copy, sign)));
      return;
    }
    for (const copy of copies) {
      if (this.stopped) return;
      await this.deliverCopy(logged, endpoint, copy, sign);
    }
  }

  private async deliverCopy(logged: DeliveryRecord, endpoint: string, copy: number, sign: DeliverySigner): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      const result = await this.attempt(logged, endpoint, copy === 1 && attempt === 1, () => sign(attempt));
      if (this.stopped) return;
      logged.attempts.push({ copy, attempt, at: this.runtime.now().toISOString(), ...result });
      if (result.outcome === 'delivered') {
        logged.deliveredCopies += 1;
        return;
      }
      const wait = delayBeforeNextAttempt(this.options.schedule, attempt);
      if (wait === null) {
        logged.failedCopies += 1;
        return;
      }
      await this.sleep(wait);
    }
  }

  private signStripe(logged: LoggedEvent): SignedDelivery {
    const signed = signWebhook(logged.event, this.options.secrets, unixSeconds(this.runtime.now()), logged.faults);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': signed.signatureHeader,
    };
    return { body: signed.body, headers, signatureTimestamp: signed.timestamp, tampered: signed.tampered };
  }

  private async attempt(logged: DeliveryRecord, endpoint: string, isFirst: boolean, sign: () => SignedDelivery): Promise<AttemptResult> {
    if (isFirst && logged.faults.dropFirstAttempt) return { outcome: 'dropped' };
    const signed = sign();
    const answer = await postRaw(endpoint, signed.headers, signed.body, this.options.attemptTimeoutMs, this.aborter.signal);
    const signature = { signatureTimestamp: signed.signatureTimestamp, tampered: signed.tampered };
    if ('error' in answer) return { outcome: 'network_error', error: answer.error, ...signature };
    const outcome: AttemptOutcome = answer.status >= 200 && answer.status < 300 ? 'delivered' : 'rejected';
    return { outcome, httpStatus: answer.status, ...signature };
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }
}
