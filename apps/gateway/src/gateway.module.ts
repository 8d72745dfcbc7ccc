import { DynamicModule, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CheckoutRequester } from './checkout/checkout-replies';
import { CheckoutController } from './checkout/checkout.controller';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { HttpErrorFilter } from './http-error.filter';
import { GatewayInit1732300000000 } from './migrations/1732300000000-gateway-init';
import { OrdersController } from './orders/orders.controller';
import { ReadModelProjector } from './read-models/read-model-projector.handler';
import { RequestIdMiddleware } from './request-id.middleware';

@Module({})
export class GatewayModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forService('gateway', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: 'gateway', migrations: [GatewayInit1732300000000] }),
        MessagingModule.forRoot({
          clientId: 'gateway',
          brokers: config.kafkaBrokers,
          schema: 'gateway',
          topics: [Topics.checkoutCommands, Topics.checkoutReplies, Topics.ordersEvents, Topics.entitlementGranted],
          consumers: [{ groupId: 'gateway', topics: [Topics.ordersEvents, Topics.entitlementGranted], handler: ReadModelProjector }],
        }),
      ],
      controllers: [CheckoutController, OrdersController],
      providers: [
        ...systemClockAndIds,
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        JwtAuthGuard,
        CheckoutRequester,
        ReadModelProjector,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes('*');
  }
}
