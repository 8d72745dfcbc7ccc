import type { Provider, Type } from '@nestjs/common';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CashfreeOrders } from '../cashfree/cashfree-orders.service';
import type { CashfreeFeeSchedule } from '../cashfree/cashfree-settlement.fees';
import { CASHFREE_FEE_SCHEDULE } from '../cashfree/cashfree.tokens';
import { CashfreeDisputes } from '../cashfree-disputes/cashfree-disputes.service';
import { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { CashfreeSettlementControlController } from './cashfree-settlement-control.controller';
import { CashfreeSettlementsApi } from './cashfree-settlements.api';
import { CashfreeSettlementsController } from './cashfree-settlements.controller';
import { CashfreeSettlements } from './cashfree-settlements.service';

/** Cashfree settlements: the settlement and recon API under /cashfree/pg, and the test control that settles a day. */
export const CASHFREE_SETTLEMENT_CONTROLLERS: Type[] = [CashfreeSettlementsController, CashfreeSettlementControlController];

export function cashfreeSettlementProviders(): Provider[] {
  return [
    {
      provide: CashfreeSettlements,
      inject: [SANDBOX_RUNTIME, CashfreeOrders, CashfreeDisputes, CashfreeWebhookPublisher, CASHFREE_FEE_SCHEDULE],
      useFactory: (runtime: SandboxRuntime, orders: CashfreeOrders, disputes: CashfreeDisputes, publisher: CashfreeWebhookPublisher, fees: CashfreeFeeSchedule) =>
        new CashfreeSettlements(runtime, orders, disputes, publisher, fees),
    },
    {
      provide: CashfreeSettlementsApi,
      inject: [CashfreeSettlements, CashfreeOrders],
      useFactory: (settlements: CashfreeSettlements, orders: CashfreeOrders) => new CashfreeSettlementsApi(settlements, orders),
    },
  ];
}
