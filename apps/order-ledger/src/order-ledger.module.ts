import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { OrderLedgerInit1732300000000 } from './migrations/1732300000000-order-ledger-init';
import { OrderCommandsService } from './order-commands.service';
import { ORDER_LEDGER_CONFIG, OrderLedgerConfig } from './order-ledger.config';
import { PendingOrderSweeper } from './pending-order.sweeper';
import { PendingOrderChecks1732900000000 } from './migrations/1732900000000-pending-order-checks';
import { OrderLedgerHandler } from './order-ledger.handler';
import { ORDER_LEDGER_SCHEMA } from './order-stream.repository';
import { ProjectionsHost } from './projections/projections.host';

@Module({})
export class OrderLedgerModule {
  static forRoot(config: OrderLedgerConfig): DynamicModule {
    return {
      module: OrderLedgerModule,
      imports: [
        ObservabilityModule.forService('order-ledger', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: ORDER_LEDGER_SCHEMA, migrations: [OrderLedgerInit1732300000000, PendingOrderChecks1732900000000] }),
        MessagingModule.forRoot({
          clientId: 'order-ledger',
          brokers: config.kafkaBrokers,
          schema: ORDER_LEDGER_SCHEMA,
          topics: [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersEvents, Topics.ordersCommands, Topics.checkoutCommands],
          consumers: [
            {
              groupId: 'order-ledger',
              topics: [Topics.checkoutEvents, Topics.providerEvents, Topics.ordersCommands],
              handler: OrderLedgerHandler,
              // A payment can overtake its order across topics; ORDER.NOT_FOUND is retried for ~a minute.
              retry: { attempts: 10, initialBackoffMs: 250, maxBackoffMs: 10_000 },
            },
          ],
        }),
      ],
      providers: [...systemClockAndIds, { provide: ORDER_LEDGER_CONFIG, useValue: config }, OrderCommandsService, OrderLedgerHandler, ProjectionsHost, PendingOrderSweeper],
    };
  }
}
