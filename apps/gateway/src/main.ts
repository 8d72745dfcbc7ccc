import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { runService, startHttpService } from '@payments/nest-runtime';
import { GatewayConfig, loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { bodyParserErrorHandler } from './request-body/body-parser.errors';
import { webAppRouter } from './web/web-app.middleware';

function publishOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Payments gateway')
      .setDescription('The frontend API: catalog, checkout, orders (with a live status stream), entitlements, refunds and the operations console\'s admin API (admins), the return page. Errors are `{ error: { code, message } }`.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}

function prepare(app: INestApplication, config: GatewayConfig): void {
  // Per-IP rate limits see the client's address only if the proxies in front are trusted.
  (app as NestExpressApplication).set('trust proxy', config.trustProxy);
  // After the body parsers startHttpService installed, before any route: their refusals in our words.
  app.use(bodyParserErrorHandler);
  // The storefront and operations console (static files, own security headers), before the API routes.
  app.use(webAppRouter(config.web));
  publishOpenApi(app);
}

runService('gateway', async () => {
  const config = loadGatewayConfig();
  await startHttpService(GatewayModule.forRoot(config), {
    service: 'gateway',
    port: config.port,
    bodyLimit: '16kb',
    beforeListen: (app) => prepare(app, config),
  });
});
