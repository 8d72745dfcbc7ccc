import type { Provider, Type } from '@nestjs/common';
import type { StripeFeeSchedule } from '../domain/settlement-fee-overrides';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { DisputedCharges } from '../stripe/disputed-charges';
import { PaymentIntents } from '../stripe/payment-intents.service';
import { STRIPE_FEES } from '../stripe-payouts/stripe-payouts.tokens';
import { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { DisputeControlController } from './dispute-control.controller';
import { DisputesApi } from './disputes.api';
import { DisputesController } from './disputes.controller';
import { StripeDisputes } from './stripe-disputes.service';

/** Stripe Disputes: their API under /v1/disputes, their controls under /_sandbox/stripe. */
export const STRIPE_DISPUTE_CONTROLLERS: Type[] = [DisputesController, DisputeControlController];

/** Their services, on the sandbox's PaymentIntents, its disputed charges, its fees and its Stripe webhook publisher. */
export function stripeDisputeProviders(): Provider[] {
  return [
    {
      provide: StripeDisputes,
      inject: [SANDBOX_RUNTIME, PaymentIntents, StripeWebhookPublisher, DisputedCharges, STRIPE_FEES],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, publisher: StripeWebhookPublisher, disputed: DisputedCharges, fees: StripeFeeSchedule) =>
        new StripeDisputes(runtime, intents, publisher, disputed, fees.disputeFees),
    },
    { provide: DisputesApi, inject: [StripeDisputes], useFactory: (disputes: StripeDisputes) => new DisputesApi(disputes) },
  ];
}
