// Operator entry point: applies webhook-ingest's pending migrations to DATABASE_URL without starting the
// service (npm run migrate runs every service's). The deployment's migrations job runs it before
// the services roll, with DATABASE_MIGRATE_AT_START=false on the services.
import 'reflect-metadata';
import { runMigrationsCommand } from '@payments/nest-runtime';
import { WEBHOOK_INGEST_MIGRATIONS } from './webhook-ingest.module';

runMigrationsCommand('webhook-ingest', WEBHOOK_INGEST_MIGRATIONS);
