// Operator entry point: applies checkout's pending migrations to DATABASE_URL without starting the
// service (npm run migrate runs every service's). The deployment's migrations job runs it before
// the services roll, with DATABASE_MIGRATE_AT_START=false on the services.
import 'reflect-metadata';
import { runMigrationsCommand } from '@payments/nest-runtime';
import { CHECKOUT_MIGRATIONS } from './checkout.module';

runMigrationsCommand('checkout', CHECKOUT_MIGRATIONS);
