import { MigrationInterface, QueryRunner } from 'typeorm';
import { PaymentFailureCode, failureSentence } from '../payment-failures/payment-failure.catalog';
import { attemptFailureCode, refundFailureCode, reviewFailureCode } from '../payment-failures/payment-failure.classifier';

/** What the projector wrote for a refund failure before codes: `refund <uuid> failed: <reason>`. */
const OLD_REFUND_FAILURE = /^refund ([0-9a-f-]{36}) failed: /i;

interface Row { order_id: string; last_failure: string; needs_review: boolean }

/**
 * Orders show a failure as our code and sentence (`last_failure_code`, `last_failure`), no longer
 * the provider's words. Rows written before are rewritten the same way, so no provider text is left.
 */
export class GatewayFailureCodes1733100000000 implements MigrationInterface {
  name = 'GatewayFailureCodes1733100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE gateway.orders ADD COLUMN last_failure_code text`);
    const rows: Row[] = await runner.query(`SELECT order_id, last_failure, needs_review FROM gateway.orders WHERE last_failure IS NOT NULL`);
    for (const row of rows) {
      const refund = OLD_REFUND_FAILURE.exec(row.last_failure);
      const refundId = refund?.[1];
      const code: PaymentFailureCode = refund ? refundFailureCode(row.last_failure.slice(refund[0].length))
        : row.needs_review ? reviewFailureCode(row.last_failure) : attemptFailureCode(row.last_failure);
      await runner.query(`UPDATE gateway.orders SET last_failure_code = $2, last_failure = $3 WHERE order_id = $1`, [
        row.order_id, code, failureSentence(code, refundId),
      ]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE gateway.orders DROP COLUMN last_failure_code`);
  }
}
