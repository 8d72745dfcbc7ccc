import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operations console's records: every admin action (who, what, on which subject, the request
 * and the answer's status), and the review flags and unmatched payments an admin resolved.
 */
export class GatewayAdminConsole1733500000000 implements MigrationInterface {
  name = 'GatewayAdminConsole1733500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.admin_actions (
        action_id       bigserial   PRIMARY KEY,
        admin_id        text        NOT NULL,
        action          text        NOT NULL,
        subject         text        NOT NULL,
        idempotency_key text        NOT NULL,
        request         jsonb       NOT NULL,
        status_code     integer     NOT NULL,
        correlation_id  text        NOT NULL,
        performed_at    timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX admin_actions_by_subject ON gateway.admin_actions (subject, performed_at)`);
    await runner.query(`
      CREATE TABLE gateway.review_resolutions (
        kind        text        NOT NULL CHECK (kind IN ('order', 'unmatched')),
        subject_id  uuid        NOT NULL,
        resolved_by text        NOT NULL,
        note        text        NOT NULL,
        resolved_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.review_resolutions`);
    await runner.query(`DROP TABLE gateway.admin_actions`);
  }
}
