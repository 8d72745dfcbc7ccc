import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { StripeWebhookPublisher } from '../webhooks/stripe-webhook.publisher';
import { BillingApiController } from './billing-api.controller';
import { BillingControlController } from './billing-control.controller';
import { PricesApi } from './prices.api';
import { StripeCatalog } from './stripe-catalog.service';
import { StripeSubscriptions } from './stripe-subscriptions.service';
import { SubscriptionsApi } from './subscriptions.api';
import { TestClocksApi } from './test-clocks.api';
import { TestClocks } from './test-clocks.service';

/** Stripe Billing: its API under /v1, its controls under /_sandbox/stripe/subscriptions. */
export const STRIPE_BILLING_CONTROLLERS: Type[] = [BillingApiController, BillingControlController];

/** Its services, built on the sandbox's Stripe webhook publisher. */
export function stripeBillingProviders(): Provider[] {
  return [
    { provide: StripeCatalog, inject: [SANDBOX_RUNTIME], useFactory: (runtime: SandboxRuntime) => new StripeCatalog(runtime) },
    { provide: TestClocks, inject: [SANDBOX_RUNTIME], useFactory: (runtime: SandboxRuntime) => new TestClocks(runtime) },
    {
      provide: StripeSubscriptions,
      inject: [SANDBOX_RUNTIME, StripeWebhookPublisher, StripeCatalog, TestClocks],
      useFactory: (runtime: SandboxRuntime, publisher: StripeWebhookPublisher, catalog: StripeCatalog, clocks: TestClocks) =>
        new StripeSubscriptions(runtime, publisher, catalog, clocks),
    },
    { provide: PricesApi, inject: [StripeCatalog], useFactory: (catalog: StripeCatalog) => new PricesApi(catalog) },
    { provide: SubscriptionsApi, inject: [StripeSubscriptions], useFactory: (subscriptions: StripeSubscriptions) => new SubscriptionsApi(subscriptions) },
    {
      provide: TestClocksApi,
      inject: [TestClocks, StripeSubscriptions],
      useFactory: (clocks: TestClocks, subscriptions: StripeSubscriptions) => new TestClocksApi(clocks, subscriptions),
    },
  ];
}
