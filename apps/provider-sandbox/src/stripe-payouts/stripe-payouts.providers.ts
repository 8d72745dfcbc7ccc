import type { Provider, Type } from '@nestjs/common';
import { DEFAULT_STRIPE_FEES, StripeFeeSchedule } from '../domain/settlement-fee-overrides';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { SandboxConfig } from '../sandbox.config';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { PaymentIntents } from '../stripe/payment-intents.service';
import { Refunds } from '../stripe/refunds.service';
import { StripeDisputes } from '../stripe-disputes/stripe-disputes.service';
import { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { BalanceTransactionsApi } from './balance-transactions.api';
import { PayoutControlController } from './payout-control.controller';
import { PayoutsApi } from './payouts.api';
import { PayoutsController } from './payouts.controller';
import { StripeBalance } from './stripe-balance.service';
import { StripePayouts } from './stripe-payouts.service';
import { STRIPE_FEES } from './stripe-payouts.tokens';

/** Stripe payouts and balance transactions: their API under /v1, their control under /_sandbox/stripe/payouts. */
export const STRIPE_PAYOUT_CONTROLLERS: Type[] = [PayoutsController, PayoutControlController];

/** The sandbox's Stripe fees (configured, else the built-in tables), its balance and its payouts. */
export function stripePayoutProviders(stripe: Pick<SandboxConfig['stripe'], 'fees'>): Provider[] {
  return [
    { provide: STRIPE_FEES, useValue: stripe.fees ?? DEFAULT_STRIPE_FEES },
    {
      provide: StripeBalance,
      inject: [SANDBOX_RUNTIME, PaymentIntents, Refunds, StripeDisputes, STRIPE_FEES],
      useFactory: (runtime: SandboxRuntime, intents: PaymentIntents, refunds: Refunds, disputes: StripeDisputes, fees: StripeFeeSchedule) =>
        new StripeBalance(runtime, intents, refunds, disputes, fees),
    },
    {
      provide: StripePayouts,
      inject: [SANDBOX_RUNTIME, StripeBalance, StripeWebhookPublisher],
      useFactory: (runtime: SandboxRuntime, balance: StripeBalance, publisher: StripeWebhookPublisher) => new StripePayouts(runtime, balance, publisher),
    },
    { provide: PayoutsApi, inject: [StripePayouts], useFactory: (payouts: StripePayouts) => new PayoutsApi(payouts) },
    { provide: BalanceTransactionsApi, inject: [StripePayouts], useFactory: (payouts: StripePayouts) => new BalanceTransactionsApi(payouts) },
  ];
}
