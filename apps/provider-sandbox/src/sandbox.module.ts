import { DynamicModule, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CASHFREE_CONTROLLERS, cashfreeProviders } from './cashfree/cashfree-sandbox.providers';
import { CASHFREE_SUBSCRIPTION_CONTROLLERS, cashfreeSubscriptionProviders } from './cashfree-subscriptions/cashfree-subscriptions.providers';
import { RunFaultPlan } from './domain/run-faults';
import type { SandboxRuntime } from './domain/sandbox-runtime';
import { HealthController } from './health.controller';
import { SandboxErrorFilter } from './http/sandbox-error.filter';
import type { SandboxConfig } from './sandbox.config';
import { SANDBOX_RUNTIME } from './sandbox.tokens';
import { HostedPageController } from './stripe/hosted-page.controller';
import { PaymentIntentsApi } from './stripe/payment-intents.api';
import { PaymentIntents } from './stripe/payment-intents.service';
import { STRIPE_BILLING_CONTROLLERS, stripeBillingProviders } from './stripe-billing/stripe-billing.providers';
import { STRIPE_DISPUTE_CONTROLLERS, stripeDisputeProviders } from './stripe-disputes/stripe-disputes.providers';
import { STRIPE_PAYOUT_CONTROLLERS, stripePayoutProviders } from './stripe-payouts/stripe-payouts.providers';
import { StripeApiController } from './stripe/stripe-api.controller';
import { StripeApiGateway } from './stripe/stripe-api.gateway';
import { StripeControlController } from './stripe/stripe-control.controller';
import { STRIPE_CHECKOUT_AND_REFUND_CONTROLLERS, stripeCheckoutAndRefundProviders } from './stripe/stripe-sandbox.providers';
import { SandboxFaultsController } from './webhooks/sandbox-faults.controller';
import { StripeEventLog } from './webhooks/stripe-event.log';
import { StripeWebhookPublisher } from './webhooks/stripe-webhook.publisher';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';

@Module({})
export class SandboxModule implements OnModuleDestroy {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  static forRoot(config: SandboxConfig, runtime: SandboxRuntime): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [HealthController, StripeApiController, StripeControlController, HostedPageController, SandboxFaultsController, ...CASHFREE_CONTROLLERS,
        ...STRIPE_CHECKOUT_AND_REFUND_CONTROLLERS, ...STRIPE_BILLING_CONTROLLERS, ...CASHFREE_SUBSCRIPTION_CONTROLLERS,
        ...STRIPE_DISPUTE_CONTROLLERS, ...STRIPE_PAYOUT_CONTROLLERS],
      providers: [
        { provide: SANDBOX_RUNTIME, useValue: runtime },
        { provide: APP_FILTER, useClass: SandboxErrorFilter },
        { provide: StripeEventLog, useValue: new StripeEventLog() },
        { provide: RunFaultPlan, useValue: new RunFaultPlan() },
        {
          provide: WebhookDispatcher,
          inject: [SANDBOX_RUNTIME],
          useFactory: (clock: SandboxRuntime) => new WebhookDispatcher({ secrets: config.stripe.webhookSecrets, ...config.delivery }, clock),
        },
        {
          provide: StripeWebhookPublisher,
          inject: [StripeEventLog, WebhookDispatcher, SANDBOX_RUNTIME, RunFaultPlan],
          useFactory: (log: StripeEventLog, dispatcher: WebhookDispatcher, clock: SandboxRuntime, plan: RunFaultPlan) =>
            new StripeWebhookPublisher({ apiVersion: config.stripe.apiVersion, endpoint: config.stripe.webhookUrl }, log, dispatcher, clock, plan),
        },
        {
          provide: PaymentIntents,
          inject: [SANDBOX_RUNTIME, StripeWebhookPublisher],
          useFactory: (clock: SandboxRuntime, publisher: StripeWebhookPublisher) => new PaymentIntents(clock, publisher),
        },
        { provide: PaymentIntentsApi, inject: [PaymentIntents], useFactory: (intents: PaymentIntents) => new PaymentIntentsApi(intents) },
        {
          provide: StripeApiGateway,
          inject: [SANDBOX_RUNTIME],
          useFactory: (clock: SandboxRuntime) => new StripeApiGateway(config.stripe.secretKey, config.stripe.apiVersion, clock),
        },
        ...cashfreeProviders(config.cashfree),
        ...stripeCheckoutAndRefundProviders(),
        ...stripeBillingProviders(),
        ...cashfreeSubscriptionProviders(),
        ...stripeDisputeProviders(),
        ...stripePayoutProviders(config.stripe),
      ],
    };
  }

  /** Pending webhook retries must not outlive the app (nor keep a test process alive). */
  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.stop();
  }
}
