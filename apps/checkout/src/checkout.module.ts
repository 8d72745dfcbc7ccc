import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@payments/contracts';
import { CashfreeAdapter, PaymentProviderPort, ProviderName, StripeAdapter } from '@payments/providers';
import { tracedProvider } from './providers/traced-provider';
import { MessagingModule, ServiceDatabaseModule, postgresAndKafkaReadiness, systemClockAndIds, parkedMessagesMigration, SchemaMigrations } from '@payments/nest-runtime';
import { ObservabilityModule } from '@payments/observability';
import { CatalogQuoteService } from './catalog-quote/catalog-quote.service';
import { CatalogSeedService } from './catalog-seed.service';
import { CHECKOUT_CONFIG, CheckoutConfig } from './checkout.config';
import { CheckoutCommandsHandler } from './checkout-commands.handler';
import { CheckoutInit1732300000000 } from './migrations/1732300000000-checkout-init';
import { CheckoutKeyGenerations1732600000000 } from './migrations/1732600000000-checkout-key-generations';
import { CheckoutRefunds1732700000000 } from './migrations/1732700000000-checkout-refunds';
import { CheckoutSubscriptions1733300000000 } from './migrations/1733300000000-checkout-subscriptions';
import { CHECKOUT_PROVIDERS, OpenCheckoutService } from './open-checkout/open-checkout.service';
import { PendingRefundSweeper } from './refunds/pending-refund.sweeper';
import { RefundPaymentService } from './refunds/refund-payment.service';
import { PaymentStatusCheckService } from './status-check/payment-status-check.service';
import { CancelSubscriptionService } from './subscriptions/cancel-subscription.service';
import { OpenSubscriptionCheckoutService } from './subscriptions/open-subscription-checkout.service';
import { SubscriptionCommandsService } from './subscriptions/subscription-commands.service';
import { DisputeActionService } from './disputes/dispute-action.service';
import { SettlementFetchService } from './settlements/settlement-fetch.service';
import { SETTLEMENT_PROVIDERS } from './settlements/settlement-providers';

/** The checkout schema and its migrations, in order: applied at start, or beforehand by `migrate.ts` (npm run migrate). */
export const CHECKOUT_MIGRATIONS: SchemaMigrations = { schema: 'checkout', migrations: [CheckoutInit1732300000000, CheckoutKeyGenerations1732600000000, CheckoutRefunds1732700000000, parkedMessagesMigration('checkout'), CheckoutSubscriptions1733300000000] };

@Module({})
export class CheckoutModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    return {
      module: CheckoutModule,
      imports: [
        ObservabilityModule.forService('checkout', postgresAndKafkaReadiness),
        ServiceDatabaseModule.forRoot({
          schema: 'checkout',
          url: config.databaseUrl,
          migrations: CHECKOUT_MIGRATIONS.migrations,
          // The commands in flight, the outbox relay and the parked-message retrier.
          poolSize: Math.max(10, config.commandConcurrency + 2),
        }),
        MessagingModule.forRoot({
          clientId: 'checkout',
          brokers: config.kafkaBrokers,
          schema: 'checkout',
          topics: [Topics.checkoutCommands, Topics.checkoutReplies, Topics.checkoutEvents, Topics.providerEvents, Topics.settlementReports],
          // Each command's provider call holds back only the same buyer's (or order's) next command.
          consumers: [{ groupId: config.consumerGroupId, topics: [Topics.checkoutCommands], keyConcurrency: config.commandConcurrency }],
        }),
      ],
      providers: [
        ...systemClockAndIds,
        { provide: CHECKOUT_CONFIG, useValue: config },
        {
          provide: CHECKOUT_PROVIDERS,
          useFactory: () => {
            const providers = new Map<ProviderName, PaymentProviderPort>([['stripe', tracedProvider(new StripeAdapter(config.stripe))]]);
            // Registered only when configured: routing then sends INR here (CHECKOUT_ROUTING, default INR:cashfree).
            if (config.cashfree) providers.set('cashfree', tracedProvider(new CashfreeAdapter(config.cashfree)));
            return providers;
          },
        },
        // The same adapters, as far as they list settlements (the settlement port).
        { provide: SETTLEMENT_PROVIDERS, inject: [CHECKOUT_PROVIDERS], useExisting: CHECKOUT_PROVIDERS },
        SettlementFetchService,
        OpenCheckoutService,
        PaymentStatusCheckService,
        RefundPaymentService,
        CatalogQuoteService,
        OpenSubscriptionCheckoutService,
        CancelSubscriptionService,
        SubscriptionCommandsService,
        PendingRefundSweeper,
        DisputeActionService,
        CatalogSeedService,
      ],
      controllers: [CheckoutCommandsHandler],
    };
  }
}
