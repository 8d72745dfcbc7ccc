import { Inject, Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { PostgresEventStore, ProjectionRunner } from '@payments/event-store';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { LOGGER, Logger } from '@payments/observability';
import { ORDER_LEDGER_SCHEMA } from '../order-stream.repository';
import { OrderSummaryProjection } from './order-summary.projection';

/** Runs order-ledger's projections; one instance per projection holds its advisory lock at a time. */
@Injectable()
export class ProjectionsHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly orderSummaries: ProjectionRunner;

  constructor(@Inject(DATABASE) db: Database, @Inject(LOGGER) logger: Logger) {
    this.orderSummaries = new ProjectionRunner({
      db,
      schema: ORDER_LEDGER_SCHEMA,
      store: new PostgresEventStore(ORDER_LEDGER_SCHEMA),
      projection: new OrderSummaryProjection(),
      logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.orderSummaries.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.orderSummaries.stop();
  }
}
