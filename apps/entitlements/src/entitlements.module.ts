import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, parkedMessagesMigration, SchemaMigrations } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { AccessDecisionRecorder } from './access/access-decision.recorder';
import { DecisionContexts } from './access/decision-context';
import { EntitlementMetrics } from './access/entitlement.metrics';
import { LapsedAccessSweeper } from './access/lapsed-access.sweeper';
import { OrderAccessHandler } from './access/order-access.handler';
import { SubscriptionAccessHandler } from './access/subscription-access.handler';
import { ENTITLEMENTS_CONFIG, EntitlementsConfig } from './entitlements.config';
import { EntitlementsInit1732300000000 } from './migrations/1732300000000-entitlements-init';
import { EntitlementValidity1733300000000 } from './migrations/1733300000000-entitlement-validity';
import { OrderDisputes1733400000300 } from './migrations/1733400000300-order-disputes';
import { DisputeAccessService } from './access/dispute-access.service';

export const ENTITLEMENTS_SCHEMA = 'entitlements';

/** The entitlements schema and its migrations, in order: applied at start, or beforehand by `migrate.ts` (npm run migrate). */
export const ENTITLEMENTS_MIGRATIONS: SchemaMigrations = { schema: ENTITLEMENTS_SCHEMA, migrations: [EntitlementsInit1732300000000, parkedMessagesMigration(ENTITLEMENTS_SCHEMA), EntitlementValidity1733300000000, OrderDisputes1733400000300] };

@Module({})
export class EntitlementsModule {
  static forRoot(config: EntitlementsConfig): DynamicModule {
    return {
      module: EntitlementsModule,
      imports: [
        ObservabilityModule.forService('entitlements', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({
          schema: ENTITLEMENTS_SCHEMA,
          url: config.databaseUrl,
          migrations: ENTITLEMENTS_MIGRATIONS.migrations,
        }),
        MessagingModule.forRoot({
          clientId: 'entitlements',
          brokers: config.kafkaBrokers,
          schema: ENTITLEMENTS_SCHEMA,
          topics: [Topics.ordersEvents, Topics.subscriptionsEvents, Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked],
          consumers: [
            { groupId: config.consumerGroupId, topics: [Topics.ordersEvents], maxBatchSize: 50 },
            { groupId: `${config.consumerGroupId}-subscriptions`, topics: [Topics.subscriptionsEvents], maxBatchSize: 50 },
          ],
        }),
      ],
      providers: [
        ...systemClockAndIds, { provide: ENTITLEMENTS_CONFIG, useValue: config },
        EntitlementMetrics, DecisionContexts, AccessDecisionRecorder, DisputeAccessService, LapsedAccessSweeper,
      ],
      controllers: [OrderAccessHandler, SubscriptionAccessHandler],
    };
  }
}
