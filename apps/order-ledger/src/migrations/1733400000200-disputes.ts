import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes: which order each provider payment paid (a dispute names the payment, and Stripe's names
 * no order of ours), the dispute reports whose payment is not known yet, and the dispute on the
 * order summary. The payment lookup is filled from the payment journals already booked.
 */
export class Disputes1733400000200 implements MigrationInterface {
  name = 'Disputes1733400000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE order_ledger.order_payment_refs (
        provider            text        NOT NULL,
        provider_payment_id text        NOT NULL,
        order_id            uuid        NOT NULL,
        recorded_at         timestamptz NOT NULL,
        PRIMARY KEY (provider, provider_payment_id)
      )`);
    await runner.query(`
      INSERT INTO order_ledger.order_payment_refs (provider, provider_payment_id, order_id, recorded_at)
      SELECT DISTINCT ON (placed.data->>'provider', substr(p.journal_id, 9))
             placed.data->>'provider', substr(p.journal_id, 9), p.order_id, p.posted_at
        FROM order_ledger.ledger_postings p
        JOIN order_ledger.events placed ON placed.stream_id = 'order-' || p.order_id AND placed.type = 'OrderPlaced'
       WHERE p.journal_id LIKE 'payment:%' AND p.order_id IS NOT NULL
       ORDER BY placed.data->>'provider', substr(p.journal_id, 9), p.posted_at
      ON CONFLICT DO NOTHING`);
    await runner.query(`
      CREATE TABLE order_ledger.disputes_awaiting_payment (
        provider            text        NOT NULL,
        provider_event_id   text        NOT NULL,
        provider_payment_id text        NOT NULL,
        dispute_id          text        NOT NULL,
        report              jsonb       NOT NULL,
        received_at         timestamptz NOT NULL,
        order_id            uuid,
        applied_at          timestamptz,
        PRIMARY KEY (provider, provider_event_id)
      )`);
    await runner.query(`CREATE INDEX disputes_awaiting_by_payment ON order_ledger.disputes_awaiting_payment (provider, provider_payment_id) WHERE applied_at IS NULL`);
    await runner.query(`ALTER TABLE order_ledger.order_summaries ADD COLUMN dispute_status text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE order_ledger.order_summaries DROP COLUMN dispute_status`);
    await runner.query(`DROP TABLE order_ledger.disputes_awaiting_payment`);
    await runner.query(`DROP TABLE order_ledger.order_payment_refs`);
  }
}
