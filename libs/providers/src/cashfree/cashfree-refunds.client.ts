import type { RefundInput, RefundResult, RetrievedRefund } from '../port/payment-provider.port';
import { ProviderError } from '../port/provider.errors';
import { minorFromCashfreeAmount } from './cashfree-amount';
import type { CashfreePaymentEntity, CashfreeRefundEntity } from './cashfree-api.types';
import type { CashfreeHttpClient } from './cashfree-http.client';
import { cashfreeIdempotencyKey } from './cashfree-order.request';
import { assertRefundableInput, createRefundBody, parseRefundReference, toRefundResult, toRetrievedRefund } from './cashfree-refund.request';

const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;
const refundPath = (orderId: string, refundId: string) => `${orderPath(orderId)}/refunds/${encodeURIComponent(refundId)}`;

/** Cashfree refunds: `POST /orders/{order_id}/refunds` with our refund id, and reading them back. */
export class CashfreeRefunds {
  constructor(private readonly http: CashfreeHttpClient) {}

  /**
   * Creates the refund with `x-idempotency-key` derived from our key and `refund_id` = our refund
   * id, so a retry can only ever name the first refund. Without an amount, "the whole remainder"
   * is worked out only when the refund does not exist yet: a retry after success must not ask for
   * the (now zero) remainder under the same key.
   */
  async create(input: RefundInput): Promise<RefundResult> {
    assertRefundableInput(input);
    let amountMinor = input.amountMinor;
    if (amountMinor === undefined) {
      const existing = await this.find(input.providerReference, input.refundId);
      if (existing) return toRefundResult(existing);
      amountMinor = await this.refundableRemainder(input.providerReference, input.currency);
    }
    try {
      const refund = await this.http.call<CashfreeRefundEntity>({
        method: 'POST', path: `${orderPath(input.providerReference)}/refunds`, body: createRefundBody(input, amountMinor),
        idempotencyKey: cashfreeIdempotencyKey(input.idempotencyKey), what: 'create refund',
      });
      return toRefundResult(refund);
    } catch (error) {
      // The refund id is taken: our earlier call made it (its idempotency record is gone). Same refund, same answer.
      if (!(error instanceof ProviderError) || error.providerCode !== 'refund_already_exists') throw error;
      const existing = await this.find(input.providerReference, input.refundId);
      if (!existing || toRefundResult(existing).amountMinor !== amountMinor) throw error;
      return toRefundResult(existing);
    }
  }

  async retrieve(providerRefundId: string): Promise<RetrievedRefund> {
    const { orderId, refundId } = parseRefundReference(providerRefundId);
    return toRetrievedRefund(await this.http.call<CashfreeRefundEntity>({ method: 'GET', path: refundPath(orderId, refundId), what: 'get refund' }));
  }

  private find(orderId: string, refundId: string): Promise<CashfreeRefundEntity | null> {
    return this.http.call<CashfreeRefundEntity>({ method: 'GET', path: refundPath(orderId, refundId), what: 'get refund', allowNotFound: true });
  }

  /** What the successful attempt paid, less refunds not cancelled or failed. */
  private async refundableRemainder(orderId: string, currency: string): Promise<number> {
    const payments = await this.http.call<CashfreePaymentEntity[]>({ method: 'GET', path: `${orderPath(orderId)}/payments`, what: 'get order payments' });
    const refunds = await this.http.call<CashfreeRefundEntity[]>({ method: 'GET', path: `${orderPath(orderId)}/refunds`, what: 'get refunds' });
    const paid = payments.find((payment) => payment.payment_status === 'SUCCESS');
    if (!paid) throw new ProviderError('PROVIDER.INVALID_REQUEST', `Cashfree order ${orderId} has no successful payment to refund`);
    const committed = refunds
      .filter((refund) => refund.refund_status !== 'CANCELLED' && refund.refund_status !== 'FAILED')
      .reduce((sum, refund) => sum + minorFromCashfreeAmount(refund.refund_amount, currency, 'refund_amount'), 0);
    const remainder = minorFromCashfreeAmount(paid.payment_amount, currency, 'payment_amount') - committed;
    if (remainder <= 0) throw new ProviderError('PROVIDER.INVALID_REQUEST', `Cashfree order ${orderId} is already fully refunded`);
    return remainder;
  }
}
