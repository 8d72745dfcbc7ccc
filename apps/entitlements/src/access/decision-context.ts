import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock, IDS, IdGenerator } from '@payments/nest-runtime';
import { DecisionContext } from '../domain/entitlement';
import { ENTITLEMENTS_CONFIG, EntitlementsConfig } from '../entitlements.config';

/** What the domain decides with: the clock read once, the configured policy, fresh ids. */
@Injectable()
export class DecisionContexts {
  constructor(
    @Inject(ENTITLEMENTS_CONFIG) private readonly config: EntitlementsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdGenerator,
  ) {}

  now(): DecisionContext {
    return { now: this.clock.now(), policy: this.config.policy, newEntitlementId: () => this.ids.uuid() };
  }
}
