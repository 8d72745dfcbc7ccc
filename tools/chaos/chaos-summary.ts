import type { SystemFindings } from './chaos-checks';
import type { InjectedFault } from './chaos-faults';
import type { OrderOutcome } from './chaos-load';
import type { SettleState } from './chaos-settle';
import type { SubscriptionOutcome } from './chaos-subscription-load';
import { SubscriptionSummary, subscriptionCheckLines, subscriptionCountLine, summarizeSubscriptions } from './chaos-subscription-summary';
import type { SubscriptionFacts } from './chaos-subscription-verdicts';

/** One chaos run in figures. The run passes when every count from `lost` to `subscriptionViolations` is zero. */
export interface ChaosSummary {
  readonly seed: number;
  readonly orders: number;
  /** Orders checkout answered for (the others never got an answer, however long the customer retried). */
  readonly opened: number;
  /** Orders the sandbox holds as paid. */
  readonly paid: number;
  /** Paid in the sandbox, but not Paid in order-ledger or not `paid` in the gateway's read model, or never granted. */
  readonly lost: number;
  readonly notPaidInLedger: number;
  readonly notPaidInGateway: number;
  readonly missingGrants: number;
  /** entitlement-granted messages beyond the first for a paid order. */
  readonly duplicatedGrants: number;
  /** entitlement-granted messages for orders the sandbox never took money for. */
  readonly grantsForUnpaid: number;
  readonly unbalancedJournals: number;
  readonly unbalancedCurrencies: number;
  readonly invoiceGaps: number;
  readonly deadLetters: number;
  readonly unpublishedOutboxRows: number;
  /** Messages a consumer still holds for a retry. */
  readonly parkedMessages: number;
  /** Webhooks the sandbox gave up delivering. */
  readonly failedWebhooks: number;
  /** 1 if the system did not settle before the deadline. */
  readonly unsettled: number;
  /** Subscriptions with anything wrong (`subscriptions.violationsBySubscription` says what). */
  readonly subscriptionViolations: number;
  readonly subscriptions: SubscriptionSummary;
  readonly kills: number;
  readonly brokerRestarts: number;
  /** Faults that could not be injected or recovered from (a process that did not come back). */
  readonly faultProblems: number;
  /** From the last fault (kill or broker stop) to settled; null if it never settled or there was no fault. */
  readonly secondsFromLastFaultToSettled: number | null;
  /** From the last order placed (and paid) to settled; null if it never settled. */
  readonly secondsFromLoadEndToSettled: number | null;
  readonly loadSeconds: number;
  /** Per app, the longest from its SIGKILL to ready again (consuming: readiness follows the group join). */
  readonly slowestRecoverySeconds: Readonly<Record<string, number>>;
  /** The longest a customer waited for checkout to answer, retrying through restarts. */
  readonly slowestCheckoutSeconds: number;
  readonly deadLettersByTopic: Readonly<Record<string, number>>;
  readonly lagAtDeadline: Readonly<Record<string, number>>;
}

const FAILURE_COUNTS = [
  'lost', 'duplicatedGrants', 'grantsForUnpaid', 'unbalancedJournals', 'unbalancedCurrencies', 'invoiceGaps', 'deadLetters',
  'unpublishedOutboxRows', 'parkedMessages', 'failedWebhooks', 'unsettled', 'faultProblems', 'subscriptionViolations',
] as const;

export interface RunRecord {
  readonly seed: number;
  readonly outcomes: readonly OrderOutcome[];
  readonly subscriptionOutcomes: readonly SubscriptionOutcome[];
  readonly subscriptionFacts: readonly SubscriptionFacts[];
  /** The entitlements' grace after a paid period (ENTITLEMENTS_GRACE_PERIOD_MS of the run). */
  readonly graceMs: number;
  readonly faults: readonly InjectedFault[];
  readonly findings: SystemFindings;
  readonly settle: { settledAt?: number; last: SettleState };
  readonly loadStartedAt: number;
  readonly loadEndedAt: number;
}

export function summarize(run: RunRecord): ChaosSummary {
  const { findings } = run;
  const paid = [...findings.paidInSandbox];
  const notPaidInLedger = paid.filter((orderId) => findings.ledgerStatus.get(orderId) !== 'Paid');
  const notPaidInGateway = paid.filter((orderId) => findings.gatewayStatus.get(orderId) !== 'paid');
  const missingGrants = paid.filter((orderId) => !findings.grantsByOrder.has(orderId));
  const grants = [...findings.grantsByOrder];
  const { settledAt } = run.settle;
  const lastFaultAt = run.faults.length === 0 ? undefined : run.loadStartedAt + Math.max(...run.faults.map((fault) => fault.hitAtMs));
  const secondsUntilSettled = (from: number | undefined) => (settledAt === undefined || from === undefined ? null : round((settledAt - from) / 1000));
  const subscriptions = summarizeSubscriptions(run.subscriptionOutcomes, run.subscriptionFacts, run.graceMs);
  return {
    seed: run.seed,
    orders: run.outcomes.length,
    opened: run.outcomes.filter((outcome) => outcome.orderId).length,
    paid: paid.length,
    lost: new Set([...notPaidInLedger, ...notPaidInGateway, ...missingGrants]).size,
    notPaidInLedger: notPaidInLedger.length,
    notPaidInGateway: notPaidInGateway.length,
    missingGrants: missingGrants.length,
    duplicatedGrants: grants.reduce((sum, [orderId, count]) => sum + (findings.paidInSandbox.has(orderId) ? count - 1 : 0), 0),
    grantsForUnpaid: grants.reduce((sum, [orderId, count]) => sum + (findings.paidInSandbox.has(orderId) ? 0 : count), 0),
    unbalancedJournals: findings.unbalancedJournals,
    unbalancedCurrencies: findings.unbalancedCurrencies.length,
    invoiceGaps: findings.invoiceGaps,
    deadLetters: Object.values(findings.deadLettersByTopic).reduce((sum, count) => sum + count, 0),
    unpublishedOutboxRows: findings.unpublishedOutboxRows,
    parkedMessages: findings.parkedMessages,
    failedWebhooks: findings.failedWebhooks,
    unsettled: settledAt === undefined ? 1 : 0,
    subscriptionViolations: subscriptions.wrong,
    subscriptions,
    kills: run.faults.filter((fault) => fault.kind === 'kill').length,
    brokerRestarts: run.faults.filter((fault) => fault.kind === 'broker-restart').length,
    faultProblems: run.faults.filter((fault) => fault.problem).length,
    secondsFromLastFaultToSettled: secondsUntilSettled(lastFaultAt),
    secondsFromLoadEndToSettled: secondsUntilSettled(run.loadEndedAt),
    loadSeconds: round((run.loadEndedAt - run.loadStartedAt) / 1000),
    slowestCheckoutSeconds: round(Math.max(0, ...run.outcomes.map((outcome) => outcome.checkoutMs)) / 1000),
    slowestRecoverySeconds: slowestRecoveries(run.faults),
    deadLettersByTopic: findings.deadLettersByTopic,
    lagAtDeadline: settledAt === undefined ? run.settle.last.lagByGroup : {},
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

function slowestRecoveries(faults: readonly InjectedFault[]): Record<string, number> {
  const slowest: Record<string, number> = {};
  for (const fault of faults) {
    if (fault.kind !== 'kill' || fault.recoveredAtMs === undefined) continue;
    const app = fault.target.split('#')[0];
    slowest[app] = Math.max(slowest[app] ?? 0, round((fault.recoveredAtMs - fault.hitAtMs) / 1000));
  }
  return slowest;
}

/** The counts that must be zero and are not, e.g. `['lost', 'deadLetters']`. */
export function failedChecks(summary: ChaosSummary): string[] {
  return FAILURE_COUNTS.filter((name) => summary[name] !== 0);
}

/** The summary as readable lines, the targets beside the figures, then one JSON line. */
export function summaryLines(summary: ChaosSummary): string[] {
  const s = summary;
  const settled = s.secondsFromLoadEndToSettled === null
    ? 'never: still behind at the deadline, by group, ' + JSON.stringify(s.lagAtDeadline)
    : `${s.secondsFromLastFaultToSettled ?? '-'} s after the last fault (target 30 s at 300 orders), ${s.secondsFromLoadEndToSettled} s after the load`;
  const failed = failedChecks(s);
  return [
    `chaos summary (seed ${s.seed})`,
    `  orders              ${s.orders} placed, ${s.opened} opened, ${s.paid} paid in the sandbox (load ${s.loadSeconds} s, slowest checkout ${s.slowestCheckoutSeconds} s)`,
    subscriptionCountLine(s.subscriptions),
    `  faults              ${s.kills} SIGKILLs, ${s.brokerRestarts} broker restarts, ${s.faultProblems} that did not recover`,
    `  recovery            slowest SIGKILL -> ready again, s: ${JSON.stringify(s.slowestRecoverySeconds)}`,
    `  lost payments       ${s.lost}   (target 0; not Paid in order-ledger ${s.notPaidInLedger}, not paid in gateway ${s.notPaidInGateway}, never granted ${s.missingGrants})`,
    `  duplicated grants   ${s.duplicatedGrants}   (target 0; grants for unpaid orders ${s.grantsForUnpaid})`,
    `  unbalanced journals ${s.unbalancedJournals}   (target 0; currencies not summing to zero ${s.unbalancedCurrencies}; invoice number gaps ${s.invoiceGaps})`,
    `  dead letters        ${s.deadLetters}   (target 0) ${JSON.stringify(s.deadLettersByTopic)}`,
    `  unpublished outbox  ${s.unpublishedOutboxRows}   (target 0; messages parked for a retry ${s.parkedMessages}; webhooks the sandbox gave up on ${s.failedWebhooks})`,
    ...subscriptionCheckLines(s.subscriptions),
    `  settled             ${settled}`,
    failed.length === 0 ? '  result              PASS' : `  result              FAIL: ${failed.join(', ')}`,
    JSON.stringify({ chaos: s }),
  ];
}
