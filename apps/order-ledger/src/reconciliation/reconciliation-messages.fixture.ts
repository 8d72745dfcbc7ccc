import { randomUUID } from 'node:crypto';
import {
  CheckoutOpened, Envelope, PaymentSucceeded, ProviderName, RefundRequested, RefundSucceeded, SettlementFetchRequestedV1, SettlementPaid, SettlementReported,
  SettlementV1, Topics, buildMessage,
} from '@payments/contracts';
import { internalApiHeaders, internalApiTokenFrom } from '@payments/nest-runtime';
import { TopicTail, eventually } from '@payments/testing';
import { OrderLedgerUnderTest } from '../order-ledger-app.fixture';
import { ReportRun } from './domain/settlement-day-report';

// Test support for reconciliation's integration tests: the messages order-ledger reads, and waits
// on what it answers over HTTP and Kafka.

const origin = { correlationId: 'reconciliation-test' };

/** The UTC day `days` before today. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** An order placed and paid at `paidAt` with `providerPaymentId`, as checkout and webhook-ingest report them. */
export function paidOrderMessages(order: { orderId: string; provider: ProviderName; paymentId: string; amountMinor: number; currency: string; paidAt: string }): [Envelope, Envelope] {
  const { orderId, provider, paymentId, amountMinor, currency, paidAt } = order;
  return [
    buildMessage(CheckoutOpened, {
      key: orderId, origin, occurredAt: new Date(),
      payload: {
        orderId, userId: 'user-reconciliation-test', amountMinor, currency, provider, providerReference: provider === 'stripe' ? paymentId : orderId,
        lines: [{ productId: 'course-typescript-101', kind: 'course', quantity: 1, unitAmountMinor: amountMinor }],
        breakdown: { subtotalMinor: amountMinor, discountMinor: 0, taxMinor: 0, totalMinor: amountMinor },
      },
    }),
    buildMessage(PaymentSucceeded, {
      key: orderId, origin, occurredAt: new Date(),
      payload: { orderId, provider, providerEventId: `evt_${randomUUID()}`, providerPaymentId: paymentId, amountMinor, currency, succeededAt: paidAt },
    }),
  ];
}

/** An admin's refund request (gateway) and the provider's report that it succeeded, under `providerRefundId`. */
export function refundMessages(refund: {
  orderId: string; refundId: string; providerRefundId: string; amountMinor: number; currency: string; at: string; provider?: ProviderName;
}): [Envelope, Envelope] {
  const { orderId, refundId, providerRefundId, amountMinor, currency, at, provider = 'stripe' } = refund;
  return [
    buildMessage(RefundRequested, { key: orderId, origin, occurredAt: new Date(), payload: { orderId, refundId, amountMinor, requestedBy: 'admin-1', requestedAt: at } }),
    buildMessage(RefundSucceeded, {
      key: orderId, origin, occurredAt: new Date(),
      payload: { orderId, refundId, provider, providerEventId: `evt_${randomUUID()}`, providerRefundId, amountMinor, currency, succeededAt: at },
    }),
  ];
}

/** The parts of a run as checkout would publish them; an `error` makes it one part with no settlements. */
export function reportParts(request: SettlementFetchRequestedV1, parts: readonly (readonly SettlementV1[])[], error?: string): Envelope[] {
  return parts.map((settlements, index) => buildMessage(SettlementReported, {
    key: `${request.provider}:${request.date}`, origin, occurredAt: new Date(),
    payload: {
      runId: request.runId, provider: request.provider, date: request.date, part: index + 1, parts: parts.length, settlements: [...settlements],
      ...(error ? { error } : {}), fetchedAt: new Date().toISOString(),
    },
  }));
}

export function settlementPaid(provider: ProviderName, providerEventId: string, date: string): Envelope {
  return buildMessage(SettlementPaid, {
    key: `${provider}:${date}`, origin, occurredAt: new Date(),
    payload: { provider, providerEventId, settlementId: `po_${providerEventId}`, date, reportedAt: new Date().toISOString() },
  });
}

/** Waits on order-ledger's answers: the fetch it asks of checkout, a run's status, the ledger's journals. */
export class ReconciliationProbe {
  /** GETs an internal endpoint as the admin API does, with INTERNAL_API_TOKEN when the process has one. */
  get(path: string): Promise<Response> {
    return fetch(`${this.ledger.baseUrl}${path}`, { headers: internalApiHeaders(internalApiTokenFrom(process.env)) });
  }

  constructor(
    private readonly ledger: OrderLedgerUnderTest,
    private readonly tail: TopicTail,
  ) {}

  async post(path: string, body: unknown): Promise<Response> {
    const headers = { 'content-type': 'application/json', ...internalApiHeaders(internalApiTokenFrom(process.env)) };
    return fetch(`${this.ledger.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  async json<T>(path: string): Promise<T> {
    const response = await this.get(path);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  async startRun(provider: ProviderName, date: string): Promise<ReportRun> {
    const response = await this.post('/reconciliation/runs', { provider, date });
    if (response.status !== 202) throw new Error(`starting a run answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as ReportRun;
  }

  fetchRequestOf(runId: string): Promise<SettlementFetchRequestedV1> {
    return eventually(async () => this.tail.on(Topics.checkoutCommands).map((m) => m.payload as SettlementFetchRequestedV1).find((p) => p.runId === runId), 30_000, `the fetch of run ${runId}`);
  }

  runEnded(runId: string): Promise<ReportRun> {
    return eventually(async () => {
      const run = await this.json<ReportRun>(`/reconciliation/runs/${runId}`);
      return run.status === 'reconciled' || run.status === 'failed' ? run : undefined;
    }, 30_000, `run ${runId} to end`);
  }

  /** Messages on reconciliation.events of `type` about run `runId`. */
  eventsOf(type: string, runId: string): Envelope[] {
    return this.tail.on(Topics.reconciliationEvents).filter((m) => m.type === type && (m.payload as { runId: string }).runId === runId);
  }

  async paid(messages: readonly Envelope[]): Promise<void> {
    await this.ledger.kafka.publish(Topics.checkoutEvents, [messages[0]]);
    await this.ledger.kafka.publish(Topics.providerEvents, [messages[1]]);
    const orderId = (messages[0].payload as { orderId: string }).orderId;
    await eventually(async () => (this.ledger.about(orderId).some((m) => m.type === 'OrderPaid') ? true : undefined), 30_000, `order ${orderId} paid`);
  }

  /** Publishes the refund request, waits until the order asked checkout for it, then reports it succeeded. */
  async refunded(messages: readonly Envelope[]): Promise<void> {
    const refundId = (messages[0].payload as { refundId: string }).refundId;
    await this.ledger.kafka.publish(Topics.ordersCommands, [messages[0]]);
    await eventually(async () => (this.tail.on(Topics.checkoutCommands).some((m) => (m.payload as { refundId?: string }).refundId === refundId) ? true : undefined), 30_000, `refund ${refundId} accepted`);
    await this.ledger.kafka.publish(Topics.providerEvents, [messages[1]]);
    const orderId = (messages[0].payload as { orderId: string }).orderId;
    await eventually(async () => (this.ledger.about(orderId).some((m) => m.type === 'OrderRefunded') ? true : undefined), 30_000, `refund ${refundId} booked`);
  }

  /** Provider clearing per currency over the journals named. */
  async clearing(journalIds: readonly string[]): Promise<Record<string, number>> {
    const { rows } = await this.ledger.db.query<{ currency: string; total: string }>(
      `SELECT currency, sum(amount_minor) AS total FROM order_ledger.ledger_postings WHERE account = 'provider_clearing' AND journal_id = ANY($1) GROUP BY currency`,
      [journalIds],
    );
    return Object.fromEntries(rows.map((row) => [row.currency, Number(row.total)]));
  }

  /** Every journal of the ledger sums to zero per currency. */
  async unbalancedJournals(): Promise<string[]> {
    const { rows } = await this.ledger.db.query<{ journal_id: string }>(
      `SELECT journal_id FROM order_ledger.ledger_postings GROUP BY journal_id, currency HAVING sum(amount_minor) <> 0`,
    );
    return rows.map((row) => row.journal_id);
  }
}
