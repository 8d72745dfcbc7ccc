// Operator entry point: rebuilds order-ledger's projections from event-store position 0.
//   npm run projections:rebuild            (uses DATABASE_URL, else the local server)
// Safe while order-ledger runs: the runner's advisory lock keeps the live instance from applying
// events while the read model is reset and replayed.
import 'reflect-metadata';
import { PostgresEventStore, ProjectionRunner } from '@payments/event-store';
import { PgDatabase, databaseUrl } from '@payments/persistence';
import { createLogger } from '@payments/observability';
import { ORDER_LEDGER_SCHEMA } from './order-stream.repository';
import { OrderSummaryProjection } from './projections/order-summary.projection';

async function main(): Promise<void> {
  const logger = createLogger('order-ledger-rebuild');
  const db = new PgDatabase({ connectionString: databaseUrl(), max: 2 });
  try {
    const runner = new ProjectionRunner({
      db,
      schema: ORDER_LEDGER_SCHEMA,
      store: new PostgresEventStore(ORDER_LEDGER_SCHEMA),
      projection: new OrderSummaryProjection(),
      logger,
    });
    const applied = await runner.rebuild();
    logger.info({ projection: 'order-summaries', applied }, 'projection rebuilt from position 0');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
