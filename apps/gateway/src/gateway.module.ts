import { DynamicModule, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { Topics } from '@payments/contracts';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { AuthenticationMiddleware, userOf } from './auth/authentication.middleware';
import { AdminGuard, JwtAuthGuard } from './auth/jwt-auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { CheckoutRequester } from './checkout/checkout-replies';
import { CheckoutController } from './checkout/checkout.controller';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { HttpErrorFilter } from './http-error.filter';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { GatewayInit1732300000000 } from './migrations/1732300000000-gateway-init';
import { GatewayRefundRequests1732400000000 } from './migrations/1732400000000-gateway-refund-requests';
import { OrdersController } from './orders/orders.controller';
import { ReadModelProjector } from './read-models/read-model-projector.handler';
import { RefundsController } from './refunds/refunds.controller';
import { RequestRefundService } from './refunds/request-refund.service';
import { RequestIdMiddleware } from './request-id.middleware';
import { SuccessController } from './success/success.controller';

const isOperational = (path: string) => path.startsWith('/health') || path === '/metrics';

function rateLimits(config: GatewayConfig) {
  return ThrottlerModule.forRoot({
    throttlers: [
      { name: 'ip', ttl: 60_000, limit: config.rateLimit.perIpPerMinute },
      {
        name: 'user',
        ttl: 60_000,
        limit: config.rateLimit.perUserPerMinute,
        // Counted per verified user (the middleware verified the token before guards run), else per IP.
        getTracker: (request: Record<string, unknown>) => {
          const user = userOf(request as unknown as Request);
          return user ? `user:${user.id}` : `ip:${String(request.ip)}`;
        },
      },
    ],
    skipIf: (context) => isOperational(context.switchToHttp().getRequest<Request>().path),
  });
}

@Module({})
export class GatewayModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forService('gateway', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: 'gateway', migrations: [GatewayInit1732300000000, GatewayRefundRequests1732400000000] }),
        MessagingModule.forRoot({
          clientId: 'gateway',
          brokers: config.kafkaBrokers,
          schema: 'gateway',
          topics: [Topics.checkoutCommands, Topics.checkoutReplies, Topics.ordersEvents, Topics.entitlementGranted, Topics.ordersCommands],
          consumers: [{ groupId: 'gateway', topics: [Topics.ordersEvents, Topics.entitlementGranted], handler: ReadModelProjector }],
        }),
        rateLimits(config),
      ],
      controllers: [CheckoutController, OrdersController, RefundsController, SuccessController],
      providers: [
        ...systemClockAndIds,
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        TokenVerifier,
        JwtAuthGuard,
        AdminGuard,
        CheckoutRequester,
        RequestRefundService,
        ReadModelProjector,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware, AuthenticationMiddleware).forRoutes('*');
  }
}
