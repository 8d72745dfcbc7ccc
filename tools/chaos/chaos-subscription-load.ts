import { callJson, callUntil, sleep } from './chaos-http';
import { LoadTarget, bearerFor } from './chaos-load';
import { MIN_STEP_GAP_MS, PlannedSubscription, PlannedSubscriptionStep, SubscriptionStepKind } from './chaos-plan';
import { OpenedSubscription, SubscriberActions, cashfreeSubscriber, stripeSubscriber } from './chaos-subscriber-actions';

/** What happened to one planned subscriber, as they saw it. */
export interface SubscriptionOutcome {
  readonly planned: PlannedSubscription;
  /** Set once the gateway answered with a subscription. */
  readonly subscriptionId?: string;
  /** How long the subscriber waited (and retried) for that answer. */
  readonly subscribeMs: number;
  /** The planned steps that were taken, in order; a step that could not be taken ends the list. */
  readonly stepsDone: readonly SubscriptionStepKind[];
  /** Why the subscriber went another way than planned (the gateway never answered, the sandbox refused...). */
  readonly problem?: string;
}

const ANSWERED = (reply: { status: number }) => reply.status === 200 || reply.status === 201;

/** Opens the subscription through the gateway as a buyer does, retrying with the same key until it answers. */
async function subscribe(target: LoadTarget, planned: PlannedSubscription, runId: string): Promise<OpenedSubscription | undefined> {
  const headers = { authorization: `Bearer ${await bearerFor(planned.userId)}`, 'idempotency-key': `${runId}-subscribe-${planned.index}` };
  const body = {
    planId: planned.planId, currency: planned.currency,
    ...(planned.provider === 'cashfree' ? { customerPhone: `+9198${String(planned.index).padStart(8, '0')}` } : {}),
  };
  const answer = await callUntil(
    () => callJson<OpenedSubscription>(`${target.gatewayUrl}/api/subscriptions/checkout`, { body, headers }), ANSWERED, Date.now() + target.checkoutPatienceMs,
  );
  return answer?.body;
}

/**
 * Cancels at period end through the gateway, retrying until it is taken (202): while the gateway or
 * checkout restart, and until the gateway's read model shows the subscription (404 before).
 */
async function cancelAtPeriodEnd(target: LoadTarget, planned: PlannedSubscription, subscriptionId: string, runId: string): Promise<string | undefined> {
  const headers = { authorization: `Bearer ${await bearerFor(planned.userId)}`, 'idempotency-key': `${runId}-cancel-${planned.index}` };
  const taken = await callUntil(
    () => callJson(`${target.gatewayUrl}/api/subscriptions/${subscriptionId}/cancel`, { body: {}, headers }),
    (reply) => reply.status === 202, Date.now() + target.checkoutPatienceMs,
  );
  return taken ? undefined : `the gateway did not take the cancel in ${target.checkoutPatienceMs / 1000} s`;
}

function takeStep(step: PlannedSubscriptionStep, actions: SubscriberActions, cancel: () => Promise<string | undefined>): Promise<string | undefined> {
  switch (step.kind) {
    case 'renew':
      return actions.renew();
    case 'fail-renewal':
      return actions.failRenewal();
    case 'retry-pays':
      return actions.retryPays();
    case 'cancel':
      return cancel();
    case 'end':
      return actions.end();
  }
}

/** Runs one action; what went wrong (refused, or thrown), prefixed with `what`. */
async function attempt(what: string, work: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    const problem = await work();
    return problem === undefined ? undefined : `${what}: ${problem}`;
  } catch (error) {
    return `${what}: ${(error as Error).message}`;
  }
}

async function runSubscriber(target: LoadTarget, planned: PlannedSubscription, runId: string, startedAt: number): Promise<SubscriptionOutcome> {
  await sleep(Math.max(0, startedAt + planned.startAtMs - Date.now()));
  const subscribeStartedAt = Date.now();
  const opened = await subscribe(target, planned, runId);
  const subscribeMs = Date.now() - subscribeStartedAt;
  if (!opened) return { planned, subscribeMs, stepsDone: [], problem: 'the gateway never answered with a subscription' };
  const actions = planned.provider === 'stripe' ? stripeSubscriber(target.sandboxUrl, opened) : cashfreeSubscriber(target.sandboxUrl, opened);
  const outcome = { planned, subscriptionId: opened.subscriptionId, subscribeMs };
  const stepsDone: SubscriptionStepKind[] = [];
  const first = await attempt(planned.path === 'abandoned' ? 'abandon' : 'pay', planned.path === 'abandoned' ? actions.abandon : actions.pay);
  if (first) return { ...outcome, stepsDone, problem: first };
  let lastActedAt = Date.now();
  for (const step of planned.steps) {
    // A subscriber whose checkout answered late is behind its plan: its steps still keep their gap.
    await sleep(Math.max(0, startedAt + step.atMs - Date.now(), lastActedAt + MIN_STEP_GAP_MS - Date.now()));
    const problem = await attempt(step.kind, () => takeStep(step, actions, () => cancelAtPeriodEnd(target, planned, opened.subscriptionId, runId)));
    if (problem) return { ...outcome, stepsDone, problem };
    stepsDone.push(step.kind);
    lastActedAt = Date.now();
  }
  return { ...outcome, stepsDone };
}

/** Runs every planned subscriber at its moments from `startedAt`, each on its own, and resolves with what became of them. */
export function runSubscriptions(target: LoadTarget, subscriptions: readonly PlannedSubscription[], runId: string, startedAt: number): Promise<SubscriptionOutcome[]> {
  return Promise.all(subscriptions.map((planned) => runSubscriber(target, planned, runId, startedAt)));
}
