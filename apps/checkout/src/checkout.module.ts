import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { StripeAdapter } from '@payments/providers';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { CatalogSeedService } from './catalog-seed.service';
import { CHECKOUT_CONFIG, CheckoutConfig } from './checkout.config';
import { CheckoutInit1732300000000 } from './migrations/1732300000000-checkout-init';
import { CheckoutRequestedHandler } from './open-checkout/checkout-requested.handler';
import { CHECKOUT_PROVIDERS, OpenCheckoutService } from './open-checkout/open-checkout.service';

@Module({})
export class CheckoutModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    return {
      module: CheckoutModule,
      imports: [
        ObservabilityModule.forService('checkout', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({ schema: 'checkout', migrations: [CheckoutInit1732300000000] }),
        MessagingModule.forRoot({
          clientId: 'checkout',
          brokers: config.kafkaBrokers,
          schema: 'checkout',
          topics: [Topics.checkoutCommands, Topics.checkoutReplies, Topics.checkoutEvents],
          consumers: [{ groupId: 'checkout', topics: [Topics.checkoutCommands], handler: CheckoutRequestedHandler }],
        }),
      ],
      providers: [
        ...systemClockAndIds,
        { provide: CHECKOUT_CONFIG, useValue: config },
        { provide: CHECKOUT_PROVIDERS, useFactory: () => new Map([['stripe', new StripeAdapter(config.stripe)]]) },
        OpenCheckoutService,
        CheckoutRequestedHandler,
        CatalogSeedService,
      ],
    };
  }
}
