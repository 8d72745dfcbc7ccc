import type { INestApplication } from '@nestjs/common';
import { startHttpService } from '@payments/nest-runtime';
import { WebhookIngestConfig } from './webhook-ingest.config';
import { WebhookIngestModule } from './webhook-ingest.module';
import { WEBHOOK_BODY_LIMIT, passBodyParserFailures } from './webhook-request';

/** Starts webhook-ingest's HTTP app: raw bodies kept for the signature checks, body-parser failures passed to the controller. */
export function startWebhookIngest(config: WebhookIngestConfig): Promise<INestApplication> {
  return startHttpService(WebhookIngestModule.forRoot(config), {
    service: 'webhook-ingest',
    port: config.port,
    rawBody: true,
    bodyLimit: WEBHOOK_BODY_LIMIT,
    // Runs after the body parsers useBodyParser mounted and before the routes, which mount at listen.
    beforeListen: (app) => app.use(passBodyParserFailures),
  });
}
