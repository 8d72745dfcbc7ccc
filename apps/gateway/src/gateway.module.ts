import { DynamicModule, MiddlewareConsumer, Module, NestModule, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ClientsModule } from '@nestjs/microservices';
import { ThrottlerModule } from '@nestjs/throttler';
import { Kafka } from 'kafkajs';
import { Topics } from '@payments/contracts';
import { DATABASE, KAFKA, MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, parkedMessagesMigration, SchemaMigrations } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { LOGGER, Logger, ObservabilityModule } from '@payments/observability';
import { AdminGuard } from './auth/admin.guard';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { tokenVerifierFor } from './auth/identity-provider-keys';
import { TokenVerifier } from './auth/token-verifier';
import { CHECKOUT_CLIENT, CheckoutCommandsClient } from './checkout/checkout-commands.client';
import { CheckoutRequester } from './checkout/checkout-replies';
import { CheckoutController } from './checkout/checkout.controller';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { HttpErrorFilter } from './http-error.filter';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { GatewayInit1732300000000 } from './migrations/1732300000000-gateway-init';
import { GatewayRefundsAndStatusChecks1732400000000 } from './migrations/1732400000000-gateway-refunds-and-status-checks';
import { GatewayRateLimits1732800000000 } from './migrations/1732800000000-gateway-rate-limits';
import { GatewayFailureCodes1733100000000 } from './migrations/1733100000000-gateway-failure-codes';
import { GatewayRateLimitRelease1733200000000 } from './migrations/1733200000000-gateway-rate-limit-release';
import { PaymentFailuresController } from './payment-failures/payment-failures.controller';
import { CouponFailureLimiter } from './rate-limit/coupon-failure.limiter';
import { PostgresThrottlerStorage } from './rate-limit/postgres-throttler.storage';
import { OrderReadModel } from './orders/order-read-model.repository';
import { OrdersController } from './orders/orders.controller';
import { IpRateLimitGuard, UserRateLimitGuard, throttlerOptions } from './rate-limit/rate-limit.guard';
import { ReadModelProjector } from './read-models/read-model-projector.handler';
import { RefundsController } from './refunds/refunds.controller';
import { RequestRefundService } from './refunds/request-refund.service';
import { RequestBodyMiddleware } from './request-body/request-body.middleware';
import { RequestIdMiddleware } from './request-id.middleware';
import { PaymentStatusCheckService } from './success/payment-status-check.service';
import { SuccessController } from './success/success.controller';
import { GatewaySubscriptions1733300000000 } from './migrations/1733300000000-gateway-subscriptions';
import { GatewayAdminConsole1733500000000 } from './migrations/1733500000000-gateway-admin-console';
import { webAndConsoleControllers, webAndConsoleProviders } from './web-and-console.parts';
import { SubscriptionReadModel } from './subscriptions/subscription-read-model.repository';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';

/** The gateway schema and its migrations, in order: applied at start, or beforehand by `migrate.ts` (npm run migrate). */
export const GATEWAY_MIGRATIONS: SchemaMigrations = { schema: 'gateway', migrations: [GatewayInit1732300000000, GatewayRefundsAndStatusChecks1732400000000, GatewayRateLimits1732800000000, parkedMessagesMigration('gateway'), GatewayFailureCodes1733100000000, GatewayRateLimitRelease1733200000000, GatewaySubscriptions1733300000000, GatewayAdminConsole1733500000000] };

@Module({})
export class GatewayModule implements NestModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ObservabilityModule.forService('gateway', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({
          schema: 'gateway',
          migrations: GATEWAY_MIGRATIONS.migrations,
        }),
        MessagingModule.forRoot({
          clientId: 'gateway',
          brokers: config.kafkaBrokers,
          schema: 'gateway',
          topics: [
            Topics.checkoutCommands, Topics.checkoutReplies, Topics.ordersCommands, Topics.ordersEvents, Topics.subscriptionsEvents,
            Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked,
          ],
          consumers: [{
            groupId: 'gateway',
            topics: [Topics.ordersEvents, Topics.subscriptionsEvents, Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked],
            maxBatchSize: 50,
          }],
        }),
        ClientsModule.registerAsync([{
          name: CHECKOUT_CLIENT,
          inject: [KAFKA, LOGGER],
          useFactory: (kafka: Kafka, logger: Logger) => ({ customClass: CheckoutCommandsClient, options: { kafka, logger } }),
        }]),
        ThrottlerModule.forRootAsync({
          inject: [DATABASE],
          useFactory: (db: Database) => ({ ...throttlerOptions(config.rateLimit), storage: new PostgresThrottlerStorage(db) }),
        }),
      ],
      controllers: [CheckoutController, SubscriptionsController, OrdersController, RefundsController, SuccessController, PaymentFailuresController, ...webAndConsoleControllers(config), ReadModelProjector],
      providers: [
        ...systemClockAndIds,
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: TokenVerifier, useValue: tokenVerifierFor(config) },
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_GUARD, useClass: IpRateLimitGuard },
        JwtAuthGuard,
        UserRateLimitGuard,
        AdminGuard,
        CheckoutRequester,
        CouponFailureLimiter,
        OrderReadModel,
        SubscriptionReadModel,
        RequestRefundService,
        PaymentStatusCheckService,
        ...webAndConsoleProviders(config),
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, HttpMetricsMiddleware, RequestBodyMiddleware).forRoutes('*');
  }
}
