import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { runService, startHttpService } from '@payments/nest-runtime';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

runService('gateway', async () => {
  const config = loadGatewayConfig();
  await startHttpService(GatewayModule.forRoot(config), {
    service: 'gateway',
    port: config.port,
    bodyLimit: '16kb',
    beforeListen: (app) => {
      const document = SwaggerModule.createDocument(
        app,
        new DocumentBuilder().setTitle('Payments gateway').setVersion('1').addBearerAuth().build(),
      );
      SwaggerModule.setup('docs', app, document);
    },
  });
});
