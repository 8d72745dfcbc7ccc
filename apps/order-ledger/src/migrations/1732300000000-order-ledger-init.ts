import { MigrationInterface, QueryRunner } from 'typeorm';
import { eventStoreDdl } from '@payments/event-store';
import { messagingDdl } from '@payments/messaging';

export class OrderLedgerInit1732300000000 implements MigrationInterface {
  name = 'OrderLedgerInit1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of eventStoreDdl('order_ledger')) await runner.query(statement);
    for (const statement of messagingDdl('order_ledger')) await runner.query(statement);
    // Double-entry ledger: every posting set (one journal entry) sums to zero per currency.
    await runner.query(`
      CREATE TABLE order_ledger.ledger_postings (
        posting_id   bigserial PRIMARY KEY,
        journal_id   text        NOT NULL,
        order_id     uuid        NOT NULL,
        account      text        NOT NULL,
        amount_minor bigint      NOT NULL,
        currency     char(3)     NOT NULL,
        posted_at    timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX ledger_postings_by_order ON order_ledger.ledger_postings (order_id)`);
    await runner.query(`CREATE UNIQUE INDEX ledger_postings_once ON order_ledger.ledger_postings (journal_id, account)`);
    // Gap-free invoice numbers: the counter row is taken under a row lock in the paying transaction,
    // so a rolled-back payment never burns a number.
    await runner.query(`
      CREATE TABLE order_ledger.invoice_counters (
        year        integer PRIMARY KEY,
        last_number integer NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE order_ledger.invoices (
        invoice_number text PRIMARY KEY,
        order_id       uuid        NOT NULL UNIQUE,
        amount_minor   bigint      NOT NULL,
        tax_minor      bigint      NOT NULL,
        currency       char(3)     NOT NULL,
        issued_at      timestamptz NOT NULL
      )`);
    // Read model projected from the event store (rebuildable from position 0).
    await runner.query(`
      CREATE TABLE order_ledger.order_summaries (
        order_id        uuid PRIMARY KEY,
        user_id         text        NOT NULL,
        status          text        NOT NULL,
        amount_minor    bigint      NOT NULL,
        currency        char(3)     NOT NULL,
        provider        text        NOT NULL,
        paid_minor      bigint      NOT NULL DEFAULT 0,
        refunded_minor  bigint      NOT NULL DEFAULT 0,
        needs_review    boolean     NOT NULL DEFAULT false,
        stream_version  integer     NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['order_summaries', 'invoices', 'invoice_counters', 'ledger_postings']) {
      await runner.query(`DROP TABLE order_ledger.${table}`);
    }
  }
}
