import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { CashfreeSubscriptionControlController } from './cashfree-subscription-control.controller';
import { CashfreeSubscriptionPageController } from './cashfree-subscription-page.controller';
import { CashfreeSubscriptionsApi } from './cashfree-subscriptions.api';
import { CashfreeSubscriptionsController } from './cashfree-subscriptions.controller';
import { CashfreeSubscriptions } from './cashfree-subscriptions.service';

/** Cashfree subscriptions: plans and subscriptions under /cashfree/pg, the mandate page, and test controls. */
export const CASHFREE_SUBSCRIPTION_CONTROLLERS: Type[] = [CashfreeSubscriptionsController, CashfreeSubscriptionControlController, CashfreeSubscriptionPageController];

export function cashfreeSubscriptionProviders(): Provider[] {
  return [
    {
      provide: CashfreeSubscriptions,
      inject: [SANDBOX_RUNTIME, CashfreeWebhookPublisher],
      useFactory: (runtime: SandboxRuntime, publisher: CashfreeWebhookPublisher) => new CashfreeSubscriptions(runtime, publisher),
    },
    { provide: CashfreeSubscriptionsApi, inject: [CashfreeSubscriptions], useFactory: (subscriptions: CashfreeSubscriptions) => new CashfreeSubscriptionsApi(subscriptions) },
  ];
}
