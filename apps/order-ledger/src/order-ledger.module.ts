import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, parkedMessagesMigration, SchemaMigrations } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { OrderLedgerInit1732300000000 } from './migrations/1732300000000-order-ledger-init';
import { OrderCommandsService } from './order-commands.service';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from './order-ledger.config';
import { PendingOrderSweeper } from './pending-order.sweeper';
import { PendingOrderChecks1732900000000 } from './migrations/1732900000000-pending-order-checks';
import { UnmatchedFacts1733000000001 } from './migrations/1733000000001-unmatched-facts';
import { SubscriptionInvoices1733100000000 } from './migrations/1733100000000-subscription-invoices';
import { LedgerJournalsWithoutOrder1733400000000 } from './migrations/1733400000000-ledger-journals-without-order';
import { SubscriptionCommandsService } from './subscriptions/subscription-commands.service';
import { OrderHistoryController } from './history/order-history.controller';
import { OrderLedgerHandler } from './order-ledger.handler';
import { Disputes1733400000200 } from './migrations/1733400000200-disputes';
import { AppendWithoutStreamRows1733500000000 } from './migrations/1733500000000-append-without-stream-rows';
import { DisputeMessagesService } from './disputes/dispute-messages.service';
import { DisputedOrdersController, OrderDisputesController } from './disputes/order-disputes.controller';
import { ORDER_LEDGER_SCHEMA } from './order-stream.repository';
import { ProjectionsHost } from './projections/projections.host';
import { UnmatchedFactsSweeper } from './unmatched/unmatched-facts.sweeper';
import { UnmatchedPaymentsController } from './unmatched/unmatched-payments.controller';
import { Reconciliation1733400000100 } from './migrations/1733400000100-reconciliation';
import { reconciliationControllers, reconciliationProviders } from './reconciliation/reconciliation.providers';

/** The order-ledger schema and its migrations, in order: applied at start, or beforehand by `migrate.ts` (npm run migrate). */
export const ORDER_LEDGER_MIGRATIONS: SchemaMigrations = { schema: ORDER_LEDGER_SCHEMA, migrations: [OrderLedgerInit1732300000000, PendingOrderChecks1732900000000, parkedMessagesMigration(ORDER_LEDGER_SCHEMA), UnmatchedFacts1733000000001, SubscriptionInvoices1733100000000, LedgerJournalsWithoutOrder1733400000000, Reconciliation1733400000100, Disputes1733400000200, AppendWithoutStreamRows1733500000000] };

@Module({})
export class OrderLedgerModule {
  static forRoot(config: OrderLedgerConfig): DynamicModule {
    return {
      module: OrderLedgerModule,
      imports: [
        ObservabilityModule.forService('order-ledger', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: ORDER_LEDGER_SCHEMA, url: config.databaseUrl, migrations: ORDER_LEDGER_MIGRATIONS.migrations }),
        MessagingModule.forRoot({
          clientId: 'order-ledger',
          brokers: config.kafkaBrokers,
          schema: ORDER_LEDGER_SCHEMA,
          topics: [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersEvents, Topics.ordersCommands, Topics.checkoutCommands, Topics.subscriptionsEvents, Topics.settlementReports, Topics.reconciliationEvents],
          consumers: [
            {
              groupId: config.consumerGroupId,
              topics: [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands, Topics.settlementReports],
              // Only failures that are not the message's own (a concurrent append) are retried; parked, not in place.
              retry: { attempts: 10, initialBackoffMs: 250, maxBackoffMs: 10_000 },
              maxBatchSize: 50,
            },
          ],
        }),
      ],
      providers: [...systemClockAndIds, { provide: ORDER_LEDGER_CONFIG, useValue: config }, OrderCommandsService, SubscriptionCommandsService, DisputeMessagesService, ProjectionsHost, PendingOrderSweeper, UnmatchedFactsSweeper, ...reconciliationProviders],
      controllers: [OrderLedgerHandler, UnmatchedPaymentsController, OrderHistoryController, OrderDisputesController, DisputedOrdersController, ...reconciliationControllers],
    };
  }
}
