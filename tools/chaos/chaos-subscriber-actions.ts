import { DEV_SECRETS } from '@payments/testing';
import { CallInit, HttpAnswer, callJson, callUntil } from './chaos-http';

/**
 * What the provider does to one subscription (paying, renewing, failing, ending it) through the
 * sandbox's own controls. Each resolves with why it could not, or undefined. A control that
 * changes something is sent once: the sandbox never restarts, and a repeated `advance` would be
 * another renewal.
 */
export interface SubscriberActions {
  /** The subscriber pays the first period the moment checkout answered. */
  pay(): Promise<string | undefined>;
  /** The subscriber walks away: no payment ever. */
  abandon(): Promise<string | undefined>;
  renew(): Promise<string | undefined>;
  failRenewal(): Promise<string | undefined>;
  retryPays(): Promise<string | undefined>;
  /** The period of a subscription cancelled at period end runs out. */
  end(): Promise<string | undefined>;
}

/** The gateway's answer to `POST /api/subscriptions/checkout`. */
export interface OpenedSubscription {
  readonly subscriptionId: string;
  /** Stripe: the Checkout Session id; Cashfree: its subscription id (ours). */
  readonly providerReference: string;
}

const CONTROL_TIMEOUT_MS = 60_000;
const HOUR = 3_600;
const DAY = 86_400;

/** Why an answer is not a 200, in a line; undefined when it is. */
export function refusal(what: string, answer: HttpAnswer<unknown>): string | undefined {
  return answer.status === 200 ? undefined : `${what} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
}

/** One call, its failure (refused or not answered) as a problem. */
async function control(what: string, url: string, init: CallInit): Promise<string | undefined> {
  try {
    return refusal(what, await callJson(url, { timeoutMs: CONTROL_TIMEOUT_MS, ...init }));
  } catch (error) {
    return `${what} failed: ${(error as Error).message}`;
  }
}

interface StripeSubscriptionView {
  id: string;
  status: string;
  test_clock: string;
  cancel_at_period_end: boolean;
  metadata: Record<string, string>;
  items: { data: { current_period_end: number }[] };
}

/** The sandbox's Stripe subscriptions (its own listing), every one of them. */
export async function stripeSubscriptionsAt(sandboxUrl: string): Promise<StripeSubscriptionView[]> {
  const answer = await callUntil(
    () => callJson<{ data: StripeSubscriptionView[] }>(`${sandboxUrl}/_sandbox/stripe/subscriptions`, { timeoutMs: CONTROL_TIMEOUT_MS }),
    (listed) => listed.status === 200, Date.now() + CONTROL_TIMEOUT_MS,
  );
  if (!answer) throw new Error('the sandbox did not list its Stripe subscriptions');
  return answer.body.data;
}

export const STRIPE_API_HEADERS = { authorization: `Bearer ${DEV_SECRETS.STRIPE_SECRET_KEY}` };

export function stripeSubscriber(sandboxUrl: string, opened: OpenedSubscription): SubscriberActions {
  const atStripe = async () => (await stripeSubscriptionsAt(sandboxUrl)).find((subscription) => subscription.metadata.subscription_id === opened.subscriptionId);
  const advance = (clock: string, frozenTime: number) => control('advancing the test clock', `${sandboxUrl}/v1/test_helpers/test_clocks/${clock}/advance`, {
    form: { frozen_time: String(frozenTime) }, headers: STRIPE_API_HEADERS,
  });
  const outcome = (id: string, renewal: 'pay' | 'fail') => control(`renewal-outcome ${renewal}`, `${sandboxUrl}/_sandbox/stripe/subscriptions/${id}/renewal-outcome`, {
    body: { outcome: renewal },
  });
  /** Moves the clock an hour past the current period's end: the renewal (or the end) happens. */
  const pastPeriodEnd = async (check?: (subscription: StripeSubscriptionView) => string | undefined) => {
    const subscription = await atStripe();
    if (!subscription) return 'the sandbox holds no Stripe subscription for it';
    return check?.(subscription) ?? advance(subscription.test_clock, subscription.items.data[0].current_period_end + HOUR);
  };
  return {
    pay: () => control('paying the Checkout Session', `${sandboxUrl}/_sandbox/stripe/checkout_sessions/${opened.providerReference}/pay`, { body: {} }),
    abandon: async () => undefined,
    renew: () => pastPeriodEnd(),
    failRenewal: async () => {
      const subscription = await atStripe();
      if (!subscription) return 'the sandbox holds no Stripe subscription for it';
      return (await outcome(subscription.id, 'fail')) ?? pastPeriodEnd();
    },
    /** Stripe retries a failed renewal 3 days later: four days on, with charges paying again. */
    retryPays: async () => {
      const subscription = await atStripe();
      if (!subscription) return 'the sandbox holds no Stripe subscription for it';
      const clock = await callJson<{ frozen_time: number }>(`${sandboxUrl}/v1/test_helpers/test_clocks/${subscription.test_clock}`, { headers: STRIPE_API_HEADERS });
      return refusal('reading the test clock', clock) ?? (await outcome(subscription.id, 'pay')) ?? advance(subscription.test_clock, clock.body.frozen_time + 4 * DAY);
    },
    end: () => pastPeriodEnd((subscription) => (subscription.cancel_at_period_end ? undefined : 'Stripe holds no cancel at period end')),
  };
}

export function cashfreeSubscriber(sandboxUrl: string, opened: OpenedSubscription): SubscriberActions {
  const act = (action: string, body: Record<string, unknown> = {}) =>
    control(`Cashfree ${action}`, `${sandboxUrl}/_sandbox/cashfree/subscriptions/${encodeURIComponent(opened.subscriptionId)}/${action}`, { body });
  return {
    pay: () => act('approve', { paymentMethod: 'upi' }),
    abandon: () => act('decline', { paymentMethod: 'upi' }),
    renew: () => act('advance'),
    failRenewal: async () => (await act('renewal-outcome', { outcome: 'failure' })) ?? act('advance'),
    retryPays: async () => (await act('renewal-outcome', { outcome: 'success' })) ?? act('advance'),
    end: async () => 'Cashfree has no cancel at period end: its cancel ends the subscription',
  };
}
