// Operator entry point: applies gateway's pending migrations to DATABASE_URL without starting the
// service (npm run migrate runs every service's). The deployment's migrations job runs it before
// the services roll, with DATABASE_MIGRATE_AT_START=false on the services.
import 'reflect-metadata';
import { runMigrationsCommand } from '@payments/nest-runtime';
import { GATEWAY_MIGRATIONS } from './gateway.module';

runMigrationsCommand('gateway', GATEWAY_MIGRATIONS);
