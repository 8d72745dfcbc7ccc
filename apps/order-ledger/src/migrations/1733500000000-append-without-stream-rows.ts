import { MigrationInterface, QueryRunner } from 'typeorm';
import { appendFunctionDdl, dropStreamsTableDdl } from '@payments/event-store';

/**
 * The event store's append writes the events table alone (its unique stream version is the
 * concurrency check), so the per-stream version rows go. The new function first, then the table
 * the old one wrote.
 */
export class AppendWithoutStreamRows1733500000000 implements MigrationInterface {
  name = 'AppendWithoutStreamRows1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(appendFunctionDdl('order_ledger'));
    await runner.query(dropStreamsTableDdl('order_ledger'));
  }

  /** The rows again, from the events (the append function keeps working without them). */
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE order_ledger.streams (stream_id text PRIMARY KEY, version integer NOT NULL CHECK (version >= 0))`);
    await runner.query(`INSERT INTO order_ledger.streams (stream_id, version) SELECT stream_id, max(stream_version) FROM order_ledger.events GROUP BY stream_id`);
  }
}
