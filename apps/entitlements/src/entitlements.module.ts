import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, parkedMessagesMigration } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { EntitlementsConfig } from './entitlements.config';
import { GrantOnOrderPaidHandler } from './grant-on-order-paid.handler';
import { EntitlementsInit1732300000000 } from './migrations/1732300000000-entitlements-init';

export const ENTITLEMENTS_SCHEMA = 'entitlements';

@Module({})
export class EntitlementsModule {
  static forRoot(config: EntitlementsConfig): DynamicModule {
    return {
      module: EntitlementsModule,
      imports: [
        ObservabilityModule.forService('entitlements', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: ENTITLEMENTS_SCHEMA, migrations: [EntitlementsInit1732300000000, parkedMessagesMigration(ENTITLEMENTS_SCHEMA)] }),
        MessagingModule.forRoot({
          clientId: 'entitlements',
          brokers: config.kafkaBrokers,
          schema: ENTITLEMENTS_SCHEMA,
          topics: [Topics.ordersEvents, Topics.entitlementGranted],
          consumers: [{ groupId: 'entitlements', topics: [Topics.ordersEvents], handler: GrantOnOrderPaidHandler }],
        }),
      ],
      providers: [...systemClockAndIds, GrantOnOrderPaidHandler],
    };
  }
}
