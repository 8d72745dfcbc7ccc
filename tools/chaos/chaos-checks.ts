import { Kafka, logLevel } from 'kafkajs';
import type { Client } from 'pg';
import { Topics } from '@payments/contracts';
import { fetchTopicOffsets } from '@payments/messaging';
import { callJson } from './chaos-http';
import { parkedMessages, sandboxDeliveries, unpublishedOutboxRows } from './chaos-settle';
import { readWholeTopic } from './chaos-topics';

/** What the system holds once settled, read from outside: the sandbox, the databases and the topics. */
export interface SystemFindings {
  /** Our order ids the sandbox holds as paid (Stripe PaymentIntents succeeded, Cashfree orders PAID). */
  readonly paidInSandbox: ReadonlySet<string>;
  readonly ledgerStatus: ReadonlyMap<string, string>;
  readonly gatewayStatus: ReadonlyMap<string, string>;
  /** entitlement-granted messages per order id, read from the start of the topic. */
  readonly grantsByOrder: ReadonlyMap<string, number>;
  readonly unbalancedJournals: number;
  readonly unbalancedCurrencies: readonly string[];
  readonly invoiceGaps: number;
  readonly deadLettersByTopic: Readonly<Record<string, number>>;
  readonly unpublishedOutboxRows: number;
  /** Messages still set aside for a retry: not applied yet. */
  readonly parkedMessages: number;
  readonly failedWebhooks: number;
}

async function paidInSandbox(sandboxUrl: string): Promise<Set<string>> {
  const intents = await callJson<{ data: { status: string; metadata: { order_id?: string } }[] }>(`${sandboxUrl}/_sandbox/stripe/payment_intents`, { timeoutMs: 60_000 });
  const orders = await callJson<{ data: { order_id: string; order_status: string }[] }>(`${sandboxUrl}/_sandbox/cashfree/orders`, { timeoutMs: 60_000 });
  return new Set([
    ...intents.body.data.filter((intent) => intent.status === 'succeeded').flatMap((intent) => intent.metadata.order_id ?? []),
    ...orders.body.data.filter((order) => order.order_status === 'PAID').map((order) => order.order_id),
  ]);
}

async function statuses(db: Client, table: string): Promise<Map<string, string>> {
  const { rows } = await db.query<{ order_id: string; status: string }>(`SELECT order_id::text AS order_id, status FROM ${table}`);
  return new Map(rows.map((row) => [row.order_id, row.status]));
}

async function unbalancedLedger(db: Client): Promise<{ journals: number; currencies: string[] }> {
  const journals = await db.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM (
      SELECT journal_id FROM order_ledger.ledger_postings GROUP BY journal_id, currency HAVING sum(amount_minor) <> 0
    ) AS unbalanced`);
  const currencies = await db.query<{ currency: string }>(
    `SELECT currency FROM order_ledger.ledger_postings GROUP BY currency HAVING sum(amount_minor) <> 0 ORDER BY currency`,
  );
  return { journals: journals.rows[0].n, currencies: currencies.rows.map((row) => row.currency) };
}

/** Numbers missing from each year's sequence `INV-<year>-<n>`, n from 1 up to the highest issued. */
async function invoiceGaps(db: Client): Promise<number> {
  const { rows } = await db.query<{ missing: number }>(`
    SELECT coalesce(sum(highest - issued), 0)::int AS missing FROM (
      SELECT max(split_part(invoice_number, '-', 3)::int) AS highest, count(*) AS issued
      FROM order_ledger.invoices GROUP BY split_part(invoice_number, '-', 2)
    ) AS years`);
  return rows[0].missing;
}

/** One-time orders' grants: a subscription's grant (it names its subscription) is counted with the subscriptions. */
async function grantsByOrder(kafka: Kafka, groupId: string): Promise<Map<string, number>> {
  const grants = new Map<string, number>();
  for (const { payload } of await readWholeTopic(kafka, Topics.entitlementGranted, groupId)) {
    const { orderId, subscriptionId } = payload as { orderId?: string; subscriptionId?: string };
    if (orderId && !subscriptionId) grants.set(orderId, (grants.get(orderId) ?? 0) + 1);
  }
  return grants;
}

async function deadLetters(kafka: Kafka): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const counts: Record<string, number> = {};
    for (const topic of (await admin.listTopics()).filter((name) => name.endsWith('.dlq'))) {
      const offsets = await fetchTopicOffsets(admin, topic);
      const count = offsets.reduce((sum, { high, low }) => sum + Number(BigInt(high) - BigInt(low)), 0);
      if (count > 0) counts[topic] = count;
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

export async function inspectSystem(context: { db: Client; brokers: string[]; sandboxUrl: string; readerGroup: string }): Promise<SystemFindings> {
  const { db, sandboxUrl } = context;
  const kafka = new Kafka({ clientId: context.readerGroup, brokers: context.brokers, logLevel: logLevel.NOTHING });
  const ledger = await unbalancedLedger(db);
  return {
    paidInSandbox: await paidInSandbox(sandboxUrl),
    ledgerStatus: await statuses(db, 'order_ledger.order_summaries'),
    gatewayStatus: await statuses(db, 'gateway.orders'),
    grantsByOrder: await grantsByOrder(kafka, context.readerGroup),
    unbalancedJournals: ledger.journals,
    unbalancedCurrencies: ledger.currencies,
    invoiceGaps: await invoiceGaps(db),
    deadLettersByTopic: await deadLetters(kafka),
    unpublishedOutboxRows: await unpublishedOutboxRows(db),
    parkedMessages: await parkedMessages(db),
    failedWebhooks: (await sandboxDeliveries(sandboxUrl)).filter((delivery) => delivery.status === 'failed').length,
  };
}
