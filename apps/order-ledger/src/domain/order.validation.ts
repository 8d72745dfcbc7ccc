import { MoneyError, add, money, multiply, subtract, zero } from '@payments/money';
import { PlaceOrder } from './order.commands';
import { OrderError } from './order.errors';

/**
 * Refuses an order whose numbers do not add up: the lines must sum to the subtotal, the total must
 * equal the amount charged, and the total must be subtotal - discount (+ tax when tax is exclusive).
 * checkout priced it; this is the ledger's own check before it owes anything.
 */
export function assertConsistentOrder(order: PlaceOrder['data']): void {
  try {
    checkAmounts(order);
  } catch (error) {
    if (error instanceof MoneyError) throw invalid(order, error.message);
    throw error;
  }
}

function checkAmounts(order: PlaceOrder['data']): void {
  const { lines, breakdown, currency } = order;
  if (lines.length === 0) throw invalid(order, 'has no lines');
  const linesTotal = lines.reduce((sum, line) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw invalid(order, `has quantity ${line.quantity}`);
    return add(sum, multiply(money(line.unitAmountMinor, currency), line.quantity));
  }, zero(currency));
  const subtotal = money(breakdown.subtotalMinor, currency);
  const total = money(breakdown.totalMinor, currency);
  const tax = money(breakdown.taxMinor, currency);
  if (linesTotal.amountMinor !== subtotal.amountMinor) {
    throw invalid(order, `lines sum to ${linesTotal.amountMinor}, subtotal is ${subtotal.amountMinor}`);
  }
  if (money(order.amountMinor, currency).amountMinor !== total.amountMinor) {
    throw invalid(order, `amount ${order.amountMinor} differs from the total ${total.amountMinor}`);
  }
  const taxable = subtract(subtotal, money(breakdown.discountMinor, currency));
  const taxExclusive = add(taxable, tax).amountMinor === total.amountMinor;
  const taxInclusive = taxable.amountMinor === total.amountMinor && tax.amountMinor <= total.amountMinor;
  if (!taxExclusive && !taxInclusive) {
    throw invalid(order, 'total is neither subtotal - discount + tax nor subtotal - discount');
  }
}

function invalid(order: PlaceOrder['data'], problem: string): OrderError {
  return new OrderError('ORDER.INVALID_ORDER', `Order ${order.orderId} ${problem}`);
}
