import { SETTLEMENT_LINES_PER_PART, SettlementFetchRequestedV1, SettlementReportedV1, SettlementV1, validateEnvelope } from '@payments/contracts';
import { OutboundMessage } from '@payments/messaging';
import { Outbox } from '@payments/nest-runtime';
import { Logger } from '@payments/observability';
import { Sql } from '@payments/persistence';
import { ProviderError, ProviderName, SettlementProviderPort } from '@payments/providers';
import { SettlementFetchService } from './settlement-fetch.service';

/** A provider that settled what it is given, or fails as told: the settlement port bound to this test only. */
class ScriptedSettlements implements SettlementProviderPort {
  readonly asked: string[] = [];
  constructor(private readonly answer: SettlementV1[] | ProviderError) {}

  async listSettlements({ date }: { date: string }): Promise<SettlementV1[]> {
    this.asked.push(date);
    if (this.answer instanceof ProviderError) throw this.answer;
    return this.answer;
  }

  actOnDispute(): never {
    throw new Error('not used');
  }
}

const request: SettlementFetchRequestedV1 = { runId: '2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f', provider: 'stripe', date: '2026-12-01', requestedAt: '2026-12-02T02:00:00.000Z' };
const now = new Date('2026-12-02T02:00:05.000Z');
const logger = { info: () => undefined, warn: () => undefined } as unknown as Logger;

function serviceWith(providers: Map<ProviderName, SettlementProviderPort>) {
  const enqueued: OutboundMessage[] = [];
  const outbox = { enqueue: async (_sql: Sql, messages: readonly OutboundMessage[]) => { enqueued.push(...messages); } } as unknown as Outbox;
  const service = new SettlementFetchService(providers, { now: () => now }, logger, outbox);
  const fetch = () => service.fetch({} as Sql, request, { correlationId: 'c-1' });
  const reported = () => enqueued.map((message) => validateEnvelope(message.envelope).payload as SettlementReportedV1);
  return { fetch, enqueued, reported };
}

const manyLines = (count: number): SettlementV1 => ({
  settlementId: 'po_big', currency: 'USD', amountMinor: 97 * count, status: 'paid', paid: true, settledAt: '2026-12-01T20:00:00.000Z', bankReference: 'trace-1',
  lines: Array.from({ length: count }, (_, i) => ({
    lineId: `txn_${i}`, kind: 'payment' as const, paymentId: `pi_${i}`, refundId: null, disputeId: null, orderId: null, currency: 'USD',
    grossMinor: 100, feeMinor: 3, taxOnFeeMinor: 0, netMinor: 97, occurredAt: '2026-12-01T10:00:00.000Z',
  })),
});

describe('fetching a settlement day for a reconciliation run', () => {
  it('asks the provider for the day and reports it in valid parts of at most SETTLEMENT_LINES_PER_PART lines, keyed by the day', async () => {
    const provider = new ScriptedSettlements([manyLines(SETTLEMENT_LINES_PER_PART + 1)]);
    const { fetch, enqueued, reported } = serviceWith(new Map([['stripe', provider]]));
    expect(await fetch()).toEqual({ parts: 2 });
    expect(provider.asked).toEqual(['2026-12-01']);
    expect(enqueued.map((message) => [message.topic, message.envelope.key])).toEqual([['settlements.reports', 'stripe:2026-12-01'], ['settlements.reports', 'stripe:2026-12-01']]);
    expect(reported().map(({ part, parts, settlements }) => [part, parts, settlements[0].lines.length])).toEqual([[1, 2, SETTLEMENT_LINES_PER_PART], [2, 2, 1]]);
    expect(reported()[0]).toMatchObject({ runId: request.runId, provider: 'stripe', date: '2026-12-01', fetchedAt: now.toISOString() });
  });

  it('gives the parts of a run the same message ids every time, so a redelivered request publishes nothing new', async () => {
    const first = serviceWith(new Map([['stripe', new ScriptedSettlements([manyLines(3)])]]));
    const again = serviceWith(new Map([['stripe', new ScriptedSettlements([manyLines(3)])]]));
    await first.fetch();
    await again.fetch();
    expect(again.enqueued.map((message) => message.envelope.id)).toEqual(first.enqueued.map((message) => message.envelope.id));
  });

  it('reports a provider refusal as one part with its error code and no settlements', async () => {
    const { fetch, reported } = serviceWith(new Map([['stripe', new ScriptedSettlements(new ProviderError('PROVIDER.AUTHENTICATION', 'bad key'))]]));
    expect(await fetch()).toEqual({ error: 'PROVIDER.AUTHENTICATION' });
    expect(reported()).toEqual([expect.objectContaining({ part: 1, parts: 1, settlements: [], error: 'PROVIDER.AUTHENTICATION' })]);
  });

  it('reports a provider that cannot list settlements here as not configured', async () => {
    const { fetch, reported } = serviceWith(new Map());
    expect(await fetch()).toEqual({ error: 'PROVIDER.NOT_CONFIGURED' });
    expect(reported()[0]).toMatchObject({ error: 'PROVIDER.NOT_CONFIGURED', settlements: [] });
  });

  it('throws what is not a provider error, for the consumer to retry', async () => {
    const broken: SettlementProviderPort = { listSettlements: async () => { throw new TypeError('bug'); }, actOnDispute: async () => { throw new Error('unused'); } };
    await expect(serviceWith(new Map([['stripe', broken]])).fetch()).rejects.toThrow('bug');
  });
});
