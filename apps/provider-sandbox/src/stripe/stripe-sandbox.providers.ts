import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { checkoutSubscriptionStarter } from '../stripe-billing/checkout-subscription.starter';
import { StripeCatalog } from '../stripe-billing/stripe-catalog.service';
import { StripeSubscriptions } from '../stripe-billing/stripe-subscriptions.service';
import { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { CheckoutSessionControlController } from './checkout-session-control.controller';
import { CheckoutSessionsApi } from './checkout-sessions.api';
import { CheckoutSessionsController } from './checkout-sessions.controller';
import { CheckoutSessions } from './checkout-sessions.service';
import { DisputedCharges } from './disputed-charges';
import { PaymentIntents } from './payment-intents.service';
import { RefundControlController } from './refund-control.controller';
import { RefundsApi } from './refunds.api';
import { RefundsController } from './refunds.controller';
import { Refunds } from './refunds.service';
import { SettlementReportController } from './settlement-report.controller';

/** Stripe Checkout Sessions, Refunds and the settlement report: their API under /v1, controls under /_sandbox/stripe. */
export const STRIPE_CHECKOUT_AND_REFUND_CONTROLLERS: Type[] = [
  CheckoutSessionsController, RefundsController, CheckoutSessionControlController, RefundControlController, SettlementReportController,
];

/** Their services, built on the sandbox's PaymentIntents, Stripe Billing (subscription mode) and Stripe webhook publisher. */
export function stripeCheckoutAndRefundProviders(): Provider[] {
  return [
    {
      provide: CheckoutSessions,
      inject: [SANDBOX_RUNTIME, PaymentIntents, StripeWebhookPublisher, StripeSubscriptions, StripeCatalog],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, publisher: StripeWebhookPublisher, subscriptions: StripeSubscriptions, catalog: StripeCatalog) =>
        new CheckoutSessions(runtime, intents, publisher, checkoutSubscriptionStarter(subscriptions, catalog)),
    },
    {
      provide: CheckoutSessionsApi,
      inject: [CheckoutSessions, SANDBOX_RUNTIME, StripeCatalog],
      useFactory: (sessions: CheckoutSessions, runtime: SandboxRuntime, catalog: StripeCatalog) => new CheckoutSessionsApi(sessions, runtime, catalog),
    },
    { provide: DisputedCharges, useValue: new DisputedCharges() },
    {
      provide: Refunds,
      inject: [SANDBOX_RUNTIME, PaymentIntents, StripeWebhookPublisher, DisputedCharges],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, publisher: StripeWebhookPublisher, disputed: DisputedCharges) =>
        new Refunds(runtime, intents, publisher, disputed),
    },
    { provide: RefundsApi, inject: [Refunds], useFactory: (refunds: Refunds) => new RefundsApi(refunds) },
  ];
}
