import { requestHash } from '../idempotency/request-hash';
import { CheckoutRequestDto } from './checkout-request.dto';

/** The request as checkout sees it: same Idempotency-Key + a different hash is a 422 there. */
export function checkoutRequestHash(dto: CheckoutRequestDto): string {
  return requestHash({
    productId: dto.productId,
    quantity: dto.quantity ?? 1,
    currency: dto.currency ?? null,
    couponCode: dto.couponCode ?? null,
    provider: dto.provider ?? null,
  });
}
