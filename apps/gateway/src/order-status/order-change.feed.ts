import { EventEmitter } from 'node:events';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { LOGGER, Logger } from '@payments/observability';
import { Sql } from '@payments/persistence';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

const CHANNEL = 'gateway_order_changed';
const RECONNECT_MS = 1_000;

/** Called by the projector in its transaction: Postgres delivers the notification when it commits, to every replica. */
export async function notifyOrderChanged(sql: Sql, orderId: string): Promise<void> {
  await sql.query(`SELECT pg_notify('${CHANNEL}', $1)`, [orderId]);
}

/**
 * Tells the order-status streams of this process that an order's read model changed: one LISTEN
 * connection per gateway process, fanned out in memory. Every replica listens, so a stream is told
 * whichever replica projected the change. A dropped connection is opened again; the streams also
 * re-read now and then, so a notification lost meanwhile only delays an update.
 */
@Injectable()
export class OrderChangeFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly changes = new EventEmitter().setMaxListeners(0);
  private client: Client | undefined;
  private stopped = false;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.changes.removeAllListeners();
    await this.client?.end().catch(() => undefined);
  }

  /** Calls `listener` on each change of the order until the returned function is called. */
  subscribe(orderId: string, listener: () => void): () => void {
    this.changes.on(orderId, listener);
    return () => this.changes.off(orderId, listener);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (message) => message.payload && this.changes.emit(message.payload));
    client.on('error', (error) => this.logger.warn({ err: error }, 'order change feed connection failed'));
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'order change feed could not listen; retrying');
      await client.end().catch(() => undefined);
    }
  }

  private reconnectLater(ended: Client): void {
    if (this.stopped || (this.client !== undefined && this.client !== ended)) return;
    this.client = undefined;
    setTimeout(() => void (this.stopped ? undefined : this.listen()), RECONNECT_MS).unref();
  }
}
