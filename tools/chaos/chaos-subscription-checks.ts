import type { Kafka } from 'kafkajs';
import type { Client } from 'pg';
import { Envelope, Topics } from '@payments/contracts';
import { callJson, callUntil } from './chaos-http';
import { bearerFor } from './chaos-load';
import type { SubscriptionOutcome } from './chaos-subscription-load';
import { HeldByProvider, heldByProviders } from './chaos-subscription-sandbox';
import type { BookedPayment, FeedFact, SubscriptionFacts } from './chaos-subscription-verdicts';
import { readWholeTopic } from './chaos-topics';

interface Booked {
  periodsRecorded: number;
  periodEnd?: number;
  invoices: number;
  journals: number;
  unbalancedJournals: number;
}

type ByPayment = Map<string, Booked>;

/** The ledger tables per subscription and provider payment: paid periods in the event store, invoices, journals. */
async function booksBySubscription(db: Client): Promise<Map<string, ByPayment>> {
  const books = new Map<string, ByPayment>();
  const entry = (subscriptionId: string, paymentId: string) => {
    const payments: ByPayment = books.get(subscriptionId) ?? new Map();
    books.set(subscriptionId, payments);
    const found: Booked = payments.get(paymentId) ?? { periodsRecorded: 0, invoices: 0, journals: 0, unbalancedJournals: 0 };
    payments.set(paymentId, found);
    return found;
  };
  const periods = await db.query<{ subscription_id: string; payment_id: string; period_end: string }>(`
    SELECT substring(stream_id FROM length('subscription-') + 1) AS subscription_id, data->>'providerPaymentId' AS payment_id, data->>'periodEnd' AS period_end
    FROM order_ledger.events WHERE stream_id LIKE 'subscription-%' AND type = 'SubscriptionPeriodPaid' ORDER BY global_position`);
  for (const row of periods.rows) {
    const found = entry(row.subscription_id, row.payment_id);
    found.periodsRecorded += 1;
    found.periodEnd = Math.max(found.periodEnd ?? 0, Date.parse(row.period_end));
  }
  const invoices = await db.query<{ subscription_id: string; payment_id: string; n: number }>(`
    SELECT subscription_id::text, provider_payment_id AS payment_id, count(*)::int AS n
    FROM order_ledger.invoices WHERE subscription_id IS NOT NULL GROUP BY subscription_id, provider_payment_id`);
  for (const row of invoices.rows) entry(row.subscription_id, row.payment_id).invoices = row.n;
  // Journal ids are `subscription-payment:<provider>:<provider payment id>`.
  const journals = await db.query<{ subscription_id: string; journal_id: string; unbalanced: boolean }>(`
    SELECT order_id::text AS subscription_id, journal_id, bool_or(total <> 0) AS unbalanced FROM (
      SELECT order_id, journal_id, sum(amount_minor) AS total FROM order_ledger.ledger_postings
      WHERE journal_id LIKE 'subscription-payment:%' GROUP BY order_id, journal_id, currency
    ) AS per_currency GROUP BY order_id, journal_id`);
  for (const row of journals.rows) {
    const found = entry(row.subscription_id, row.journal_id.split(':').slice(2).join(':'));
    found.journals += 1;
    if (row.unbalanced) found.unbalancedJournals += 1;
  }
  return books;
}

interface AboutSubscription {
  subscriptionId?: string;
  userId?: string;
  validUntil?: string;
  reason?: string;
  periodEnd?: string;
}

/** A topic's messages about subscriptions, each message id once (a re-published copy is the same message), in order per subscription. */
async function subscriptionMessages(kafka: Kafka, topic: string, groupId: string): Promise<Map<string, Envelope<AboutSubscription>[]>> {
  const seen = new Set<string>();
  const bySubscription = new Map<string, Envelope<AboutSubscription>[]>();
  for (const envelope of (await readWholeTopic(kafka, topic, groupId)) as Envelope<AboutSubscription>[]) {
    const { subscriptionId } = envelope.payload;
    if (!subscriptionId || seen.has(envelope.id)) continue;
    seen.add(envelope.id);
    bySubscription.set(subscriptionId, [...(bySubscription.get(subscriptionId) ?? []), envelope]);
  }
  return bySubscription;
}

const EXTENDING = new Set(['renewal-paid', 'payment-recovered']);

function feedOf(messages: readonly Envelope<AboutSubscription>[]): FeedFact[] {
  return messages.flatMap((message): FeedFact[] => {
    if (message.type === 'SubscriptionPeriodPaid' && message.payload.periodEnd) return [{ kind: 'paid', periodEnd: Date.parse(message.payload.periodEnd) }];
    return message.type === 'SubscriptionEnded' ? [{ kind: 'ended' }] : [];
  });
}

interface GatewayView {
  subscription?: { status: string; periodsPaid: number; paidThrough: string | null };
  access?: { status: string; validUntil: string | null };
}

/** The subscription and its plan entitlement as the gateway's API shows them to the subscriber. */
async function gatewayView(gatewayUrl: string, subscriptionId: string, userId: string | undefined): Promise<GatewayView> {
  if (!userId) return {};
  const headers = { authorization: `Bearer ${await bearerFor(userId)}` };
  const deadline = Date.now() + 60_000;
  const one = await callUntil(() => callJson<GatewayView['subscription']>(`${gatewayUrl}/api/subscriptions/${subscriptionId}`, { headers }), (reply) => reply.status === 200 || reply.status === 404, deadline);
  const mine = await callUntil(
    () => callJson<{ entitlements: { subscriptionId: string | null; status: string; validUntil: string | null }[] }>(`${gatewayUrl}/api/entitlements`, { headers }),
    (reply) => reply.status === 200, deadline,
  );
  return {
    subscription: one?.status === 200 ? one.body : undefined,
    access: mine?.body.entitlements.find((entitlement) => entitlement.subscriptionId === subscriptionId),
  };
}

const time = (value: string | null | undefined) => (value ? Date.parse(value) : undefined);

export interface SubscriptionProbe {
  readonly db: Client;
  readonly kafka: Kafka;
  readonly sandboxUrl: string;
  readonly gatewayUrl: string;
  /** Prefix of the throw-away consumer groups that read the topics. */
  readonly readerGroup: string;
  readonly outcomes: readonly SubscriptionOutcome[];
}

/** Every subscription the run opened or the system knows of, read from the sandbox, the ledger tables, the topics and the gateway. */
export async function inspectSubscriptions(probe: SubscriptionProbe): Promise<SubscriptionFacts[]> {
  const held = await heldByProviders(probe.sandboxUrl);
  const books = await booksBySubscription(probe.db);
  const read = (topic: string) => subscriptionMessages(probe.kafka, topic, `${probe.readerGroup}-${topic}`);
  const [granted, changed, revoked, feed] = [
    await read(Topics.entitlementGranted), await read(Topics.entitlementChanged), await read(Topics.entitlementRevoked), await read(Topics.subscriptionsEvents),
  ];
  const opened = new Map(probe.outcomes.flatMap((outcome) => (outcome.subscriptionId ? [[outcome.subscriptionId, outcome.planned] as const] : [])));
  const ids = new Set([...opened.keys(), ...held.keys(), ...books.keys(), ...granted.keys(), ...changed.keys(), ...revoked.keys(), ...feed.keys()]);
  const facts: SubscriptionFacts[] = [];
  for (const subscriptionId of ids) {
    const atProvider: HeldByProvider = held.get(subscriptionId) ?? { provider: opened.get(subscriptionId)?.provider ?? 'stripe', status: 'incomplete', paid: [] };
    const userId = opened.get(subscriptionId)?.userId ?? feed.get(subscriptionId)?.[0]?.payload.userId ?? granted.get(subscriptionId)?.[0]?.payload.userId;
    const shown = await gatewayView(probe.gatewayUrl, subscriptionId, userId);
    const changes = changed.get(subscriptionId) ?? [];
    facts.push({
      subscriptionId,
      provider: atProvider.provider,
      atProvider: { status: atProvider.status, paid: atProvider.paid },
      books: [...(books.get(subscriptionId) ?? new Map<string, Booked>())].map(([paymentId, booked]): BookedPayment => ({ paymentId, ...booked })),
      feed: feedOf(feed.get(subscriptionId) ?? []),
      lms: {
        grants: (granted.get(subscriptionId) ?? []).map((message) => time(message.payload.validUntil) ?? Number.NaN),
        extensions: changes.filter((message) => EXTENDING.has(message.payload.reason ?? '')).map((message) => time(message.payload.validUntil) ?? Number.NaN),
        suspensions: changes.filter((message) => message.payload.reason === 'past-due-beyond-grace').length,
        revokes: (revoked.get(subscriptionId) ?? []).length,
      },
      gateway: {
        subscription: shown.subscription && { ...shown.subscription, paidThrough: time(shown.subscription.paidThrough) },
        access: shown.access && { status: shown.access.status, validUntil: time(shown.access.validUntil) },
      },
    });
  }
  return facts;
}
