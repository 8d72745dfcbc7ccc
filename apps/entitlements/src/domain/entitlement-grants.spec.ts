import { grantsForPaidOrder } from './entitlement-grants';

describe('grants for a paid order', () => {
  const order = { orderId: 'o-1', userId: 'u-1' };

  it('grant one entitlement per product bought', () => {
    const grants = grantsForPaidOrder({
      ...order,
      lines: [
        { productId: 'course-a', kind: 'course', quantity: 1, unitAmountMinor: 100 },
        { productId: 'plan-pro', kind: 'plan', quantity: 1, unitAmountMinor: 200 },
      ],
    });
    expect(grants).toEqual([
      { userId: 'u-1', productId: 'course-a', kind: 'course', orderId: 'o-1' },
      { userId: 'u-1', productId: 'plan-pro', kind: 'plan', orderId: 'o-1' },
    ]);
  });

  it('grant a product once even when bought in quantity or on two lines', () => {
    const grants = grantsForPaidOrder({
      ...order,
      lines: [
        { productId: 'course-a', kind: 'course', quantity: 3, unitAmountMinor: 100 },
        { productId: 'course-a', kind: 'course', quantity: 1, unitAmountMinor: 100 },
      ],
    });
    expect(grants).toHaveLength(1);
  });
});
