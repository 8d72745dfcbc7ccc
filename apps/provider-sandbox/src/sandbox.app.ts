import type { AddressInfo } from 'node:net';
import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PinoNestLogger } from '@payments/nest-runtime';
import { createLogger } from '@payments/observability';
import { SandboxRuntime, systemRuntime } from './domain/sandbox-runtime';
import type { SandboxConfig } from './sandbox.config';
import { SandboxModule } from './sandbox.module';

export interface SandboxAppOptions {
  /** Clock and ids; the system ones by default. */
  runtime?: SandboxRuntime;
  /** Nest's logger; `false` silences it (tests). Defaults to the redacting pino logger. */
  logger?: LoggerService | false;
}

/** Builds the sandbox app without listening: express, qs-style form bodies (`metadata[order_id]=...`). */
export async function createSandboxApp(config: SandboxConfig, options: SandboxAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.forRoot(config, options.runtime ?? systemRuntime), {
    logger: options.logger ?? new PinoNestLogger(createLogger('provider-sandbox')),
    bodyParser: false,
  });
  app.useBodyParser('urlencoded', { extended: true, limit: '1mb' });
  app.useBodyParser('json', { limit: '1mb' });
  app.disable('x-powered-by');
  return app;
}

/** Builds the sandbox and listens on `config.host:config.port` (port 0 picks a free one: see `sandboxUrl`). */
export async function bootstrapSandbox(config: SandboxConfig, options: SandboxAppOptions = {}): Promise<NestExpressApplication> {
  const app = await createSandboxApp(config, options);
  await app.listen(config.port, config.host);
  return app;
}

/** The base URL a listening sandbox answers on, e.g. `http://127.0.0.1:40123`. */
export function sandboxUrl(app: INestApplication): string {
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
}
