import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settlement reconciliation: runs and the report parts they wait for, what the ledger expects each
 * provider to settle (back-filled from the order streams where the data allows), what each day
 * settled, and the discrepancies found.
 */
export class Reconciliation1733400000100 implements MigrationInterface {
  name = 'Reconciliation1733400000100';

  async up(runner: QueryRunner): Promise<void> {
    // `slot` names a scheduled run (daily@02:00): unique per provider and day, so replicas run it once.
    await runner.query(`
      CREATE TABLE order_ledger.reconciliation_runs (
        run_id                 uuid PRIMARY KEY,
        provider               text        NOT NULL,
        settlement_date        date        NOT NULL,
        trigger                text        NOT NULL,
        slot                   text,
        status                 text        NOT NULL CHECK (status IN ('requested', 'fetched', 'reconciled', 'failed')),
        parts                  integer,
        error                  text,
        requested_at           timestamptz NOT NULL,
        fetched_at             timestamptz,
        reconciled_at          timestamptz,
        failed_at              timestamptz,
        matched_lines          integer,
        journals_booked        integer,
        open_discrepancies     integer,
        resolved_discrepancies integer
      )`);
    await runner.query(`CREATE INDEX reconciliation_runs_by_day ON order_ledger.reconciliation_runs (provider, settlement_date, requested_at DESC)`);
    await runner.query(`CREATE UNIQUE INDEX reconciliation_runs_once_per_slot ON order_ledger.reconciliation_runs (provider, settlement_date, slot) WHERE slot IS NOT NULL`);
    await runner.query(`
      CREATE TABLE order_ledger.settlement_report_parts (
        run_id      uuid        NOT NULL REFERENCES order_ledger.reconciliation_runs (run_id),
        part        integer     NOT NULL,
        parts       integer     NOT NULL,
        settlements jsonb       NOT NULL,
        error       text,
        fetched_at  timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (run_id, part)
      )`);
    // Written with the payment or refund journal; `expected_on` is the UTC day the money moved.
    await runner.query(`
      CREATE TABLE order_ledger.settlement_expectations (
        provider     text        NOT NULL,
        kind         text        NOT NULL CHECK (kind IN ('payment', 'refund')),
        reference    text        NOT NULL,
        order_id     uuid,
        currency     char(3)     NOT NULL,
        amount_minor bigint      NOT NULL,
        occurred_at  timestamptz NOT NULL,
        expected_on  date        NOT NULL,
        journal_id   text        NOT NULL,
        recorded_at  timestamptz NOT NULL,
        PRIMARY KEY (provider, kind, reference)
      )`);
    await runner.query(`CREATE INDEX settlement_expectations_by_day ON order_ledger.settlement_expectations (provider, expected_on)`);
    // Our refund id -> the provider's (Stripe re_...), from the refund outcome that carried it.
    await runner.query(`
      CREATE TABLE order_ledger.provider_refund_ids (
        refund_id          uuid PRIMARY KEY,
        provider           text        NOT NULL,
        provider_refund_id text        NOT NULL,
        recorded_at        timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE order_ledger.settled_lines (
        provider         text        NOT NULL,
        settlement_date  date        NOT NULL,
        line_id          text        NOT NULL,
        position         integer     NOT NULL,
        settlement_id    text        NOT NULL,
        run_id           uuid        NOT NULL,
        kind             text        NOT NULL,
        reference        text        NOT NULL,
        order_id         text,
        currency         char(3)     NOT NULL,
        gross_minor      bigint      NOT NULL,
        fee_minor        bigint      NOT NULL,
        tax_on_fee_minor bigint      NOT NULL,
        net_minor        bigint      NOT NULL,
        occurred_at      timestamptz NOT NULL,
        outcome          text        NOT NULL,
        journal_id       text,
        PRIMARY KEY (provider, settlement_date, line_id)
      )`);
    await runner.query(`CREATE INDEX settled_lines_by_reference ON order_ledger.settled_lines (provider, reference)`);
    await runner.query(`
      CREATE TABLE order_ledger.settled_payouts (
        provider        text        NOT NULL,
        settlement_date date        NOT NULL,
        settlement_id   text        NOT NULL,
        position        integer     NOT NULL,
        run_id          uuid        NOT NULL,
        currency        char(3)     NOT NULL,
        amount_minor    bigint      NOT NULL,
        status          text        NOT NULL,
        paid            boolean     NOT NULL,
        settled_at      timestamptz NOT NULL,
        bank_reference  text,
        journal_id      text,
        PRIMARY KEY (provider, settlement_date, settlement_id)
      )`);
    await runner.query(`
      CREATE TABLE order_ledger.reconciliation_discrepancies (
        discrepancy_id   uuid PRIMARY KEY,
        provider         text        NOT NULL,
        settlement_date  date        NOT NULL,
        kind             text        NOT NULL,
        reference        text        NOT NULL,
        order_id         text,
        currency         char(3)     NOT NULL,
        provider_minor   bigint,
        ledger_minor     bigint,
        status           text        NOT NULL CHECK (status IN ('open', 'resolved')),
        found_run_id     uuid        NOT NULL,
        found_at         timestamptz NOT NULL,
        last_seen_run_id uuid        NOT NULL,
        resolved_run_id  uuid,
        resolved_at      timestamptz,
        UNIQUE (provider, settlement_date, kind, reference)
      )`);
    await runner.query(`CREATE INDEX reconciliation_discrepancies_by_status ON order_ledger.reconciliation_discrepancies (status, provider, kind)`);
    await this.backFill(runner);
  }

  /**
   * Expectations of what the ledger booked before this migration: every paid order's payment, and
   * Cashfree refunds (their provider id is `<order_id>:<refund_id>`, ours). Stripe refunds booked
   * before it are not back-filled: order-ledger never stored their `re_...` id.
   */
  private async backFill(runner: QueryRunner): Promise<void> {
    await runner.query(`
      INSERT INTO order_ledger.settlement_expectations (provider, kind, reference, order_id, currency, amount_minor, occurred_at, expected_on, journal_id, recorded_at)
      SELECT placed.data->>'provider', 'payment', paid.data->>'providerPaymentId', (paid.data->>'orderId')::uuid, placed.data->>'currency',
             (placed.data->>'amountMinor')::bigint, (paid.data->>'paidAt')::timestamptz, ((paid.data->>'paidAt')::timestamptz AT TIME ZONE 'UTC')::date,
             'payment:' || (paid.data->>'providerPaymentId'), now()
        FROM order_ledger.events paid
        JOIN order_ledger.events placed ON placed.stream_id = paid.stream_id AND placed.type = 'OrderPlaced'
       WHERE paid.type = 'OrderPaid'
      ON CONFLICT DO NOTHING`);
    await runner.query(`
      INSERT INTO order_ledger.settlement_expectations (provider, kind, reference, order_id, currency, amount_minor, occurred_at, expected_on, journal_id, recorded_at)
      SELECT 'cashfree', 'refund', (refund.data->>'orderId') || ':' || (refund.data->>'refundId'), (refund.data->>'orderId')::uuid, refund.data->>'currency',
             (refund.data->>'amountMinor')::bigint, (refund.data->>'succeededAt')::timestamptz, ((refund.data->>'succeededAt')::timestamptz AT TIME ZONE 'UTC')::date,
             'refund:' || (refund.data->>'refundId'), now()
        FROM order_ledger.events refund
        JOIN order_ledger.events placed ON placed.stream_id = refund.stream_id AND placed.type = 'OrderPlaced' AND placed.data->>'provider' = 'cashfree'
       WHERE refund.type = 'RefundSucceeded'
      ON CONFLICT DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_discrepancies', 'settled_payouts', 'settled_lines', 'provider_refund_ids', 'settlement_expectations', 'settlement_report_parts', 'reconciliation_runs']) {
      await runner.query(`DROP TABLE order_ledger.${table}`);
    }
  }
}
