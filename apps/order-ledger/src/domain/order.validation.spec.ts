import { PlaceOrder } from './order.commands';
import { placeOrder, when } from './order.test-fixtures';

const base = placeOrder.data as PlaceOrder['data'];
const place = (data: Partial<PlaceOrder['data']>): PlaceOrder => ({ type: 'PlaceOrder', data: { ...base, ...data } });

describe('placing an order checks its numbers', () => {
  it.each<[string, Partial<PlaceOrder['data']>]>([
    ['tax added on top', {}],
    ['tax included in the price', { amountMinor: 49900, breakdown: { subtotalMinor: 49900, discountMinor: 0, taxMinor: 7612, totalMinor: 49900 } }],
    ['a discount and tax on top', { amountMinor: 47082, breakdown: { subtotalMinor: 49900, discountMinor: 10000, taxMinor: 7182, totalMinor: 47082 } }],
    ['a zero-decimal currency', { currency: 'JPY', amountMinor: 5800, lines: [{ ...base.lines[0], quantity: 2, unitAmountMinor: 2900 }], breakdown: { subtotalMinor: 5800, discountMinor: 0, taxMinor: 0, totalMinor: 5800 } }],
  ])('given no order, when placed with %s, then it is accepted', (_label, data) => {
    expect(when([], place(data))).toHaveLength(1);
  });

  it.each<[string, Partial<PlaceOrder['data']>]>([
    ['no lines', { lines: [] }],
    ['lines that do not sum to the subtotal', { lines: [{ ...base.lines[0], unitAmountMinor: 49800 }] }],
    ['an amount other than the total', { amountMinor: 58881 }],
    ['a total that is neither inclusive nor exclusive of tax', { amountMinor: 58000, breakdown: { ...base.breakdown, totalMinor: 58000 } }],
    ['a discount above the subtotal', { breakdown: { ...base.breakdown, discountMinor: 50000 } }],
    ['an unknown currency', { currency: 'XYZ' }],
    ['a fractional amount', { amountMinor: 58882.5, breakdown: { ...base.breakdown, totalMinor: 58882.5 } }],
    ['a zero quantity', { lines: [{ ...base.lines[0], quantity: 0 }] }],
  ])('given no order, when placed with %s, then it is refused', (_label, data) => {
    expect(() => when([], place(data))).toThrow(expect.objectContaining({ code: 'ORDER.INVALID_ORDER' }));
  });
});
