import type Stripe from 'stripe';
import type { ProviderSettlement } from '../port/settlement.port';
import { arrivalDayRange, toProviderSettlement } from './stripe-settlement.mapper';

/** Every item of a list, following `starting_after` page by page (stripe-node's auto-pagination) until `has_more` is false. */
async function everyItem<T>(list: Stripe.ApiListPromise<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

/**
 * The payouts arriving on the UTC day `date`, each with its balance transactions and their sources
 * (`expand[]=data.source`: the Charge, Refund or Dispute and the PaymentIntent it names). A payout
 * that is not automatic has no itemized balance transactions at Stripe, so it comes without lines.
 */
export async function readSettlementDay(stripe: Stripe, date: string, pageSize: number): Promise<ProviderSettlement[]> {
  const payouts = await everyItem(stripe.payouts.list({ arrival_date: arrivalDayRange(date), limit: pageSize }));
  const settlements: ProviderSettlement[] = [];
  for (const payout of payouts) {
    const transactions = payout.automatic
      ? await everyItem(stripe.balanceTransactions.list({ payout: payout.id, expand: ['data.source'], limit: pageSize }))
      : [];
    settlements.push(toProviderSettlement(payout, transactions));
  }
  return settlements;
}
