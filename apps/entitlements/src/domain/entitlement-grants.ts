import { OrderPaidV1, ProductKind } from '@payments/contracts';

export interface EntitlementGrant {
  readonly userId: string;
  readonly productId: string;
  readonly kind: ProductKind;
  readonly orderId: string;
}

/** A paid order grants its buyer one entitlement per distinct product on it. */
export function grantsForPaidOrder(order: Pick<OrderPaidV1, 'orderId' | 'userId' | 'lines'>): EntitlementGrant[] {
  const seen = new Set<string>();
  return order.lines
    .filter((line) => !seen.has(line.productId) && seen.add(line.productId))
    .map((line) => ({ userId: order.userId, productId: line.productId, kind: line.kind, orderId: order.orderId }));
}
