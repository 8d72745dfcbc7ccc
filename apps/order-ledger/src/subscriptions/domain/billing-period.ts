import { BillingInterval } from '@payments/contracts';

/**
 * The end of a billing period that starts at `start`: one calendar month or year later, at the
 * same time of day. A start on a day the target month lacks (31 January, 29 February) ends on that
 * month's last day, as card networks and both providers bill.
 */
export function periodEnd(start: Date, interval: BillingInterval): Date {
  if (Number.isNaN(start.getTime())) throw new RangeError('period start is not a valid date');
  const months = interval === 'month' ? 1 : 12;
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const end = new Date(start.getTime());
  end.setUTCFullYear(year, month, Math.min(start.getUTCDate(), lastDay));
  return end;
}
