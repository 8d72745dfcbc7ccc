import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE, Outbox, PeriodicTask, startPeriodicTask } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { decideSubscriptionAccess } from '../domain/subscription-access.decider';
import { ENTITLEMENTS_CONFIG, EntitlementsConfig } from '../entitlements.config';
import { AccessDecisionRecorder } from './access-decision.recorder';
import { DecisionContexts } from './decision-context';

const BATCH = 50;

/**
 * Plans whose access ran past its validity (the paid period's end plus the grace) with no renewal
 * paid are suspended, and the LMS told. One entitlement per transaction with its row locked SKIP
 * LOCKED, so replicas share the work; a payment arriving meanwhile waits for the row and reinstates.
 */
@Injectable()
export class LapsedAccessSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private task: PeriodicTask | undefined;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ENTITLEMENTS_CONFIG) private readonly config: EntitlementsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly outbox: Outbox,
    private readonly recorder: AccessDecisionRecorder,
    private readonly contexts: DecisionContexts,
  ) {}

  onApplicationBootstrap(): void {
    this.task = startPeriodicTask('lapsed access sweep', this.config.lapsedSweepEveryMs, () => this.sweep(), this.logger);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** One pass; resolves to how many entitlements it suspended. */
  async sweep(): Promise<number> {
    let suspended = 0;
    while (suspended < BATCH && (await this.suspendNext())) suspended += 1;
    if (suspended > 0) this.outbox.notify();
    return suspended;
  }

  private suspendNext(): Promise<boolean> {
    return this.db.transaction(async (sql) => {
      const ctx = this.contexts.now();
      const lapsed = await this.recorder.entitlements.nextLapsed(sql, ctx.now);
      if (!lapsed) return false;
      const decision = decideSubscriptionAccess(lapsed, { type: 'CheckValidity' }, ctx);
      await this.recorder.record(sql, lapsed, decision, { correlationId: `lapsed-access:${lapsed.entitlementId}` }, ctx.now);
      this.logger.info({ entitlementId: lapsed.entitlementId, subscriptionId: lapsed.subscriptionId }, 'plan access suspended: validity passed unpaid');
      return true;
    });
  }
}
