import type { SubscriptionOutcome } from './chaos-subscription-load';
import { SubscriptionFacts, expectedAccess, subscriptionViolations } from './chaos-subscription-verdicts';

/** The run's subscriptions in figures. The run fails when `wrong` is not zero. */
export interface SubscriptionSummary {
  readonly placed: number;
  readonly placedStripe: number;
  readonly placedCashfree: number;
  /** Subscriptions the gateway answered for. */
  readonly opened: number;
  /** With at least one period paid at the provider. */
  readonly paid: number;
  readonly paidStripe: number;
  readonly paidCashfree: number;
  /** Paid and not ended at the provider (active, or past due). */
  readonly active: number;
  readonly ended: number;
  /** Periods paid at the provider after each subscription's first. */
  readonly renewalsPaid: number;
  /** Distinct messages on entitlement-granted, entitlement-changed (renewal-paid, payment-recovered) and entitlement-revoked. */
  readonly grants: number;
  readonly extensions: number;
  readonly revokes: number;
  /** Paid periods that reached entitlements after a later one (or after the end): rightly no extension of their own. */
  readonly renewalsOutOfOrder: number;
  /** Subscribers whose plan could not be carried out (the gateway never answered, the sandbox refused a step). */
  readonly stepsNotTaken: number;
  /** Subscriptions with at least one violation. */
  readonly wrong: number;
  readonly violationsBySubscription: Readonly<Record<string, readonly string[]>>;
  /** Why a subscriber's plan stopped, by subscription id (or `subscriber-<n>` when the gateway never answered). */
  readonly problemsBySubscription: Readonly<Record<string, string>>;
  /** The longest a subscriber waited for the gateway to open the subscription, retrying through restarts. */
  readonly slowestSubscribeSeconds: number;
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number) => Math.round(value * 10) / 10;

export function summarizeSubscriptions(outcomes: readonly SubscriptionOutcome[], facts: readonly SubscriptionFacts[], graceMs: number): SubscriptionSummary {
  const paid = facts.filter((subscription) => subscription.atProvider.paid.length > 0);
  const ended = facts.filter((subscription) => subscription.atProvider.status === 'ended');
  const violations = facts.map((subscription) => [subscription.subscriptionId, subscriptionViolations(subscription, graceMs)] as const).filter(([, found]) => found.length > 0);
  const problems = outcomes.flatMap((outcome) => (outcome.problem ? [[outcome.subscriptionId ?? `subscriber-${outcome.planned.index}`, outcome.problem] as const] : []));
  return {
    placed: outcomes.length,
    placedStripe: outcomes.filter((outcome) => outcome.planned.provider === 'stripe').length,
    placedCashfree: outcomes.filter((outcome) => outcome.planned.provider === 'cashfree').length,
    opened: outcomes.filter((outcome) => outcome.subscriptionId).length,
    paid: paid.length,
    paidStripe: paid.filter((subscription) => subscription.provider === 'stripe').length,
    paidCashfree: paid.filter((subscription) => subscription.provider === 'cashfree').length,
    active: paid.filter((subscription) => subscription.atProvider.status !== 'ended').length,
    ended: ended.length,
    renewalsPaid: sum(paid.map((subscription) => subscription.atProvider.paid.length - 1)),
    grants: sum(facts.map((subscription) => subscription.lms.grants.length)),
    extensions: sum(facts.map((subscription) => subscription.lms.extensions.length)),
    revokes: sum(facts.map((subscription) => subscription.lms.revokes)),
    renewalsOutOfOrder: sum(facts.map((subscription) => expectedAccess(subscription.feed).renewalsOutOfOrder)),
    stepsNotTaken: problems.length,
    wrong: violations.length,
    violationsBySubscription: Object.fromEntries(violations),
    problemsBySubscription: Object.fromEntries(problems),
    slowestSubscribeSeconds: round(Math.max(0, ...outcomes.map((outcome) => outcome.subscribeMs)) / 1000),
  };
}

/** The subscription counts, for the line beside the order counts. */
export function subscriptionCountLine(s: SubscriptionSummary): string {
  return `  subscriptions       ${s.placed} placed (${s.placedStripe} Stripe, ${s.placedCashfree} Cashfree), ${s.opened} opened, ${s.paid} paid in the sandbox (${s.paidStripe} + ${s.paidCashfree}): `
    + `${s.active} active, ${s.ended} ended; ${s.renewalsPaid} renewals paid (slowest subscribe ${s.slowestSubscribeSeconds} s)`;
}

/** The subscription checks beside their targets, then each violation and each plan that stopped short, by subscription id. */
export function subscriptionCheckLines(s: SubscriptionSummary): string[] {
  return [
    `  subscription access ${s.grants} grants, ${s.extensions} extensions, ${s.revokes} revokes   (target: one grant per paid subscription, one extension `
      + `per renewal that extends access (${s.renewalsOutOfOrder} reached it after a later one), one revoke per ended one)`,
    `  wrong subscriptions ${s.wrong}   (target 0; access, books and gateway per subscription; plans that stopped short ${s.stepsNotTaken})`,
    ...Object.entries(s.violationsBySubscription).map(([subscriptionId, found]) => `    ${subscriptionId}: ${found.join('; ')}`),
    ...Object.entries(s.problemsBySubscription).map(([subscriptionId, problem]) => `    ${subscriptionId} stopped short: ${problem}`),
  ];
}
