import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { CashfreeAdapter, PaymentProviderPort, ProviderName, StripeAdapter } from '@payments/providers';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, SchemaMigrations } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { IngestWebhookService, PROVIDERS } from './ingest-webhook.service';
import { WebhookIngestInit1732300000000 } from './migrations/1732300000000-webhook-ingest-init';
import { WebhookIngestConfig } from './webhook-ingest.config';
import { WebhooksController } from './webhooks.controller';

/** The webhook-ingest schema and its migrations, in order: applied at start, or beforehand by `migrate.ts` (npm run migrate). */
export const WEBHOOK_INGEST_MIGRATIONS: SchemaMigrations = { schema: 'webhook_ingest', migrations: [WebhookIngestInit1732300000000] };

@Module({})
export class WebhookIngestModule {
  static forRoot(config: WebhookIngestConfig): DynamicModule {
    return {
      module: WebhookIngestModule,
      imports: [
        ObservabilityModule.forService('webhook-ingest', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: 'webhook_ingest', migrations: WEBHOOK_INGEST_MIGRATIONS.migrations, url: config.databaseUrl }),
        MessagingModule.forRoot({
          clientId: 'webhook-ingest',
          brokers: config.kafkaBrokers,
          schema: 'webhook_ingest',
          topics: [Topics.providerEvents],
          consumers: [],
        }),
      ],
      controllers: [WebhooksController],
      providers: [
        ...systemClockAndIds,
        {
          provide: PROVIDERS,
          useFactory: () => {
            const providers = new Map<ProviderName, PaymentProviderPort>([['stripe', new StripeAdapter(config.stripe)]]);
            if (config.cashfree) providers.set('cashfree', new CashfreeAdapter(config.cashfree));
            return providers;
          },
        },
        IngestWebhookService,
      ],
    };
  }
}
