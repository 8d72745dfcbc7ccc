import { DynamicModule, INestApplication, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger, createLogger, httpTracing, startTracing } from '@payments/observability';
import { startInboxConsumers } from './inbox.transport';

/** Nest's own log lines go through the redacting pino logger too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export interface HttpServiceOptions {
  service: string;
  port: number;
  host?: string;
  /** Keep the raw request body (`req.rawBody`) for signature checks. */
  rawBody?: boolean;
  /** JSON body size limit, e.g. '64kb'. */
  bodyLimit?: string;
  /** Last set-up before the port opens (OpenAPI documents, for instance). */
  beforeListen?: (app: INestApplication) => void;
}

/** Creates and starts one service's HTTP app: logging, body limits, graceful shutdown. */
export async function startHttpService(module: Type<unknown> | DynamicModule, options: HttpServiceOptions): Promise<INestApplication> {
  const logger = createLogger(options.service);
  // Before the app exists, so every span it makes goes to the SDK (when OTLP is configured).
  const tracing = startTracing(options.service);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new PinoNestLogger(logger),
    rawBody: options.rawBody ?? false,
    bodyParser: true,
  });
  app.useBodyParser('json', { limit: options.bodyLimit ?? '64kb' });
  app.useBodyParser('urlencoded', { limit: options.bodyLimit ?? '64kb', extended: true });
  app.enableShutdownHooks();
  app.use(httpTracing);
  options.beforeListen?.(app);
  // Consumers are members of their groups before the port (and so /health/ready) opens.
  await startInboxConsumers(app);
  await app.listen(options.port, options.host ?? process.env.HTTP_HOST ?? '127.0.0.1');
  if (tracing) app.getHttpServer().once('close', () => void tracing.shutdown());
  logger.info({ port: options.port }, `${options.service} listening`);
  return app;
}

/** Runs `start`, and on a start-up failure logs why and exits non-zero (a missing secret stops the service). */
export function runService(service: string, start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    createLogger(service).fatal({ err: error }, `${service} failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
