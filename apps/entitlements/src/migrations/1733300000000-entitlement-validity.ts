import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entitlements get a status, a validity (null: for good) and a sequence, subscriptions' entitlements
 * their subscription id, and every change a row in an append-only change log. Existing grants are
 * logged as sequence 1.
 */
export class EntitlementValidity1733300000000 implements MigrationInterface {
  name = 'EntitlementValidity1733300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE entitlements.entitlements
        ADD COLUMN subscription_id uuid,
        ADD COLUMN status      text    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked')),
        ADD COLUMN valid_until timestamptz,
        ADD COLUMN sequence    integer NOT NULL DEFAULT 1 CHECK (sequence >= 1),
        ALTER COLUMN granted_at DROP NOT NULL`);
    await runner.query(`UPDATE entitlements.entitlements SET status = 'revoked', sequence = 2 WHERE revoked_at IS NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX entitlements_once_per_subscription ON entitlements.entitlements (subscription_id) WHERE subscription_id IS NOT NULL`);
    await runner.query(`CREATE INDEX entitlements_by_order ON entitlements.entitlements (order_id)`);
    await runner.query(`CREATE INDEX entitlements_lapsing ON entitlements.entitlements (valid_until) WHERE status = 'active' AND valid_until IS NOT NULL`);
    await runner.query(`
      CREATE TABLE entitlements.entitlement_changes (
        entitlement_id uuid        NOT NULL REFERENCES entitlements.entitlements (entitlement_id),
        sequence       integer     NOT NULL,
        change         text        NOT NULL CHECK (change IN ('granted', 'extended', 'suspended', 'reinstated', 'revoked')),
        reason         text        NOT NULL,
        at             timestamptz NOT NULL,
        PRIMARY KEY (entitlement_id, sequence)
      )`);
    await runner.query(`
      CREATE FUNCTION entitlements.entitlement_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'entitlements.entitlement_changes is append-only';
      END;
      $$`);
    await runner.query(`
      CREATE TRIGGER entitlement_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON entitlements.entitlement_changes
        FOR EACH STATEMENT EXECUTE FUNCTION entitlements.entitlement_changes_append_only()`);
    await runner.query(`
      INSERT INTO entitlements.entitlement_changes (entitlement_id, sequence, change, reason, at)
      SELECT entitlement_id, 1, 'granted', 'order-paid', granted_at FROM entitlements.entitlements
      UNION ALL
      SELECT entitlement_id, 2, 'revoked', 'order-refunded', revoked_at FROM entitlements.entitlements WHERE revoked_at IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE entitlements.entitlement_changes`);
    await runner.query(`DROP FUNCTION entitlements.entitlement_changes_append_only()`);
    await runner.query(`DROP INDEX entitlements.entitlements_lapsing`);
    await runner.query(`DROP INDEX entitlements.entitlements_by_order`);
    await runner.query(`DROP INDEX entitlements.entitlements_once_per_subscription`);
    await runner.query(`
      ALTER TABLE entitlements.entitlements
        DROP COLUMN subscription_id, DROP COLUMN status, DROP COLUMN valid_until, DROP COLUMN sequence`);
  }
}
