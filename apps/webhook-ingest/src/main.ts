import 'reflect-metadata';
import { runService, startHttpService } from '@payments/nest-runtime';
import { loadWebhookIngestConfig } from './webhook-ingest.config';
import { WebhookIngestModule } from './webhook-ingest.module';

runService('webhook-ingest', async () => {
  const config = loadWebhookIngestConfig();
  await startHttpService(WebhookIngestModule.forRoot(config), {
    service: 'webhook-ingest',
    port: config.port,
    rawBody: true,
    bodyLimit: '256kb',
  });
});
