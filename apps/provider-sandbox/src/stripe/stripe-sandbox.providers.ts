import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { CheckoutSessionControlController } from './checkout-session-control.controller';
import { CheckoutSessionsApi } from './checkout-sessions.api';
import { CheckoutSessionsController } from './checkout-sessions.controller';
import { CheckoutSessions } from './checkout-sessions.service';
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

/** Their services, built on the sandbox's PaymentIntents and Stripe webhook publisher. */
export function stripeCheckoutAndRefundProviders(): Provider[] {
  return [
    {
      provide: CheckoutSessions,
      inject: [SANDBOX_RUNTIME, PaymentIntents, StripeWebhookPublisher],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, publisher: StripeWebhookPublisher) => new CheckoutSessions(runtime, intents, publisher),
    },
    {
      provide: CheckoutSessionsApi,
      inject: [CheckoutSessions, SANDBOX_RUNTIME],
      useFactory: (sessions: CheckoutSessions, runtime: SandboxRuntime) => new CheckoutSessionsApi(sessions, runtime),
    },
    {
      provide: Refunds,
      inject: [SANDBOX_RUNTIME, PaymentIntents, StripeWebhookPublisher],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, publisher: StripeWebhookPublisher) => new Refunds(runtime, intents, publisher),
    },
    { provide: RefundsApi, inject: [Refunds], useFactory: (refunds: Refunds) => new RefundsApi(refunds) },
  ];
}
