import 'reflect-metadata';
import { runService } from '@payments/nest-runtime';
import { startWebhookIngest } from './webhook-ingest.app';
import { loadWebhookIngestConfig } from './webhook-ingest.config';

runService('webhook-ingest', () => startWebhookIngest(loadWebhookIngestConfig()));
