import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reserved rate-limit slot can be given back (a coupon that turned out valid), which may bring a
 * window's count to 0; such rows are swept with the other ended windows.
 */
export class GatewayRateLimitRelease1733200000000 implements MigrationInterface {
  name = 'GatewayRateLimitRelease1733200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE gateway.rate_limit_windows DROP CONSTRAINT rate_limit_windows_hits_check`);
    await runner.query(`ALTER TABLE gateway.rate_limit_windows ADD CONSTRAINT rate_limit_windows_hits_check CHECK (hits >= 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM gateway.rate_limit_windows WHERE hits = 0`);
    await runner.query(`ALTER TABLE gateway.rate_limit_windows DROP CONSTRAINT rate_limit_windows_hits_check`);
    await runner.query(`ALTER TABLE gateway.rate_limit_windows ADD CONSTRAINT rate_limit_windows_hits_check CHECK (hits > 0)`);
  }
}
