import { MigrationInterface, QueryRunner } from 'typeorm';

/** Request counts per rate-limit bucket and fixed window, shared by every gateway replica. */
export class GatewayRateLimits1732800000000 implements MigrationInterface {
  name = 'GatewayRateLimits1732800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gateway.rate_limit_windows (
        bucket       text        NOT NULL,
        window_start timestamptz NOT NULL,
        window_end   timestamptz NOT NULL,
        hits         integer     NOT NULL CHECK (hits > 0),
        PRIMARY KEY (bucket, window_start)
      )`);
    await runner.query(`CREATE INDEX rate_limit_windows_by_end ON gateway.rate_limit_windows (window_end)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE gateway.rate_limit_windows`);
  }
}
