/** Every Kafka topic the system uses. Keys: our order id, or the user id where noted. */
export const Topics = {
  /** gateway -> checkout, request-reply; key: user id. */
  checkoutCommands: 'checkout.commands',
  /** checkout -> gateway, replies to `checkout.commands`; key: user id. */
  checkoutReplies: 'checkout.replies',
  /** gateway -> order-ledger: refund requests from admins; key: order id. */
  ordersCommands: 'orders.commands',
  /** checkout -> order-ledger: sessions opened or failed to open; key: order id. */
  checkoutEvents: 'checkout.events',
  /** webhook-ingest -> order-ledger: verified, normalized provider events; key: order id. */
  providerEvents: 'payments.provider-events',
  /** order-ledger -> gateway, entitlements: order lifecycle; key: order id. */
  ordersEvents: 'orders.events',
  /** entitlements -> downstream LMS: access granted; key: user id. */
  entitlementGranted: 'entitlement-granted',
  /** entitlements -> downstream LMS: validity extended, suspended or reinstated; key: user id. */
  entitlementChanged: 'entitlement-changed',
  /** entitlements -> downstream LMS: access ended; key: user id. */
  entitlementRevoked: 'entitlement-revoked',
  /** order-ledger -> gateway, entitlements: subscription lifecycle; key: subscription id. */
  subscriptionsEvents: 'subscriptions.events',
  /** checkout -> order-ledger: what a provider settled on a day, fetched for a reconciliation run; key `<provider>:<date>`. */
  settlementReports: 'settlements.reports',
  /** order-ledger -> operators, finance: discrepancies found and resolved, runs finished; key `<provider>:<date>`. */
  reconciliationEvents: 'reconciliation.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Where a consumer sends what it cannot process after its retries: `<topic>.dlq`. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
