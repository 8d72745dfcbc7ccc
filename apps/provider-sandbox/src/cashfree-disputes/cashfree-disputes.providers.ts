import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CashfreeOrders } from '../cashfree/cashfree-orders.service';
import { CASHFREE_FEE_SCHEDULE } from '../cashfree/cashfree.tokens';
import type { CashfreeFeeSchedule } from '../cashfree/cashfree-settlement.fees';
import { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { CashfreeDisputeControlController } from './cashfree-dispute-control.controller';
import { CashfreeDisputesApi } from './cashfree-disputes.api';
import { CashfreeDisputesController } from './cashfree-disputes.controller';
import { CashfreeDisputes } from './cashfree-disputes.service';

/** Cashfree disputes: the API under /cashfree/pg and the test controls that raise and decide them. */
export const CASHFREE_DISPUTE_CONTROLLERS: Type[] = [CashfreeDisputesController, CashfreeDisputeControlController];

export function cashfreeDisputeProviders(): Provider[] {
  return [
    {
      provide: CashfreeDisputes,
      inject: [SANDBOX_RUNTIME, CashfreeOrders, CashfreeWebhookPublisher, CASHFREE_FEE_SCHEDULE],
      useFactory: (runtime: SandboxRuntime, orders: CashfreeOrders, publisher: CashfreeWebhookPublisher, fees: CashfreeFeeSchedule) =>
        new CashfreeDisputes(runtime, orders, publisher, fees),
    },
    { provide: CashfreeDisputesApi, inject: [CashfreeDisputes, CashfreeOrders], useFactory: (disputes: CashfreeDisputes, orders: CashfreeOrders) => new CashfreeDisputesApi(disputes, orders) },
  ];
}
