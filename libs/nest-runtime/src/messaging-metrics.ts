import { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { consumerGroupLag } from '@payments/messaging';
import { Database, assertSchemaName } from '@payments/persistence';
import { ServiceMetrics } from '@payments/observability';

export interface MessagingGaugeSources {
  readonly db: Database;
  readonly kafka: Kafka;
  readonly schema: string;
  /** The service's consumer groups and the topics each reads. */
  readonly groups: readonly { groupId: string; topics: readonly string[] }[];
}

/**
 * Gauges read when /metrics is scraped: the outbox rows not yet published, and each consumer
 * group's lag per topic (from the broker's committed and end offsets). A failed read keeps the
 * previous values, so a scrape never fails because Kafka or Postgres is slow.
 */
export class MessagingGauges {
  private admin: Admin | undefined;

  constructor(metrics: ServiceMetrics, private readonly sources: MessagingGaugeSources) {
    const registers = [metrics.registry];
    const schema = assertSchemaName(sources.schema);
    new Gauge({
      name: 'payments_outbox_backlog',
      help: 'Outbox messages written but not yet published',
      registers,
      collect: async function (this: Gauge) {
        const [row] = await sources.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.outbox WHERE published_at IS NULL`).catch(() => []);
        if (row) this.set(Number(row.n));
      },
    });
    const lag = (): Promise<void> => this.readLag(lagGauge);
    const lagGauge: Gauge<'group' | 'topic'> = new Gauge({
      name: 'payments_consumer_lag',
      help: 'Messages a consumer group of this service has not committed yet, by topic',
      labelNames: ['group', 'topic'],
      registers,
      collect: lag,
    });
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async readLag(gauge: Gauge<'group' | 'topic'>): Promise<void> {
    if (this.sources.groups.length === 0) return;
    try {
      if (!this.admin) {
        this.admin = this.sources.kafka.admin();
        await this.admin.connect();
      }
      const existing = new Set(await this.admin.listTopics());
      for (const { groupId, topics } of this.sources.groups) {
        for (const [topic, behind] of await consumerGroupLag(this.admin, groupId, topics, existing)) gauge.set({ group: groupId, topic }, behind);
      }
    } catch {
      // Kept from the last scrape; the next one tries again.
    }
  }
}
