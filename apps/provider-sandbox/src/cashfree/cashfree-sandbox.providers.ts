import type { Provider, Type } from '@nestjs/common';
import { RunFaultPlan } from '../domain/run-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CASHFREE_DISPUTE_CONTROLLERS, cashfreeDisputeProviders } from '../cashfree-disputes/cashfree-disputes.providers';
import { CASHFREE_SETTLEMENT_CONTROLLERS, cashfreeSettlementProviders } from '../cashfree-settlements/cashfree-settlements.providers';
import { CashfreeEventLog } from '../cashfree-webhooks/cashfree-event.log';
import { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import type { SandboxConfig } from '../sandbox.config';
import { SANDBOX_RUNTIME } from '../sandbox.tokens';
import { WebhookDispatcher } from '../webhooks/webhook.dispatcher';
import { CashfreeApiController } from './cashfree-api.controller';
import { CashfreeApiGateway } from './cashfree-api.gateway';
import { CashfreeControlController } from './cashfree-control.controller';
import { CashfreeHostedPageController } from './cashfree-hosted-page.controller';
import { CashfreeOrdersApi } from './cashfree-orders.api';
import { CashfreeOrders } from './cashfree-orders.service';
import { CashfreeSettlementReportController } from './cashfree-settlement-report.controller';
import { cashfreeFeeSchedule } from './cashfree-settlement.fees';
import { CASHFREE_FEE_SCHEDULE } from './cashfree.tokens';

/** The Cashfree half of the sandbox: its API under /cashfree/pg, test controls, hosted page, daily settlement report, settlements and disputes. */
export const CASHFREE_CONTROLLERS: Type[] = [
  CashfreeApiController, CashfreeControlController, CashfreeHostedPageController, CashfreeSettlementReportController,
  ...CASHFREE_DISPUTE_CONTROLLERS, ...CASHFREE_SETTLEMENT_CONTROLLERS,
];

/** Its services; webhooks go through the sandbox's one `WebhookDispatcher`, as Stripe's do. */
export function cashfreeProviders(config: SandboxConfig['cashfree']): Provider[] {
  return [
    { provide: CASHFREE_FEE_SCHEDULE, useValue: cashfreeFeeSchedule(config.fees) },
    { provide: CashfreeEventLog, useValue: new CashfreeEventLog() },
    {
      provide: CashfreeWebhookPublisher,
      inject: [CashfreeEventLog, WebhookDispatcher, SANDBOX_RUNTIME, RunFaultPlan],
      useFactory: (log: CashfreeEventLog, dispatcher: WebhookDispatcher, runtime: SandboxRuntime, plan: RunFaultPlan) => {
        const options = { secretKey: config.secretKey, webhookVersion: config.webhookVersion, endpoint: config.webhookUrl };
        return new CashfreeWebhookPublisher(options, log, dispatcher, runtime, plan);
      },
    },
    {
      provide: CashfreeOrders,
      inject: [SANDBOX_RUNTIME, CashfreeWebhookPublisher],
      useFactory: (runtime: SandboxRuntime, publisher: CashfreeWebhookPublisher) => new CashfreeOrders(runtime, publisher),
    },
    {
      provide: CashfreeOrdersApi,
      inject: [CashfreeOrders, SANDBOX_RUNTIME],
      useFactory: (orders: CashfreeOrders, runtime: SandboxRuntime) => new CashfreeOrdersApi(orders, runtime),
    },
    {
      provide: CashfreeApiGateway,
      inject: [SANDBOX_RUNTIME],
      useFactory: (runtime: SandboxRuntime) => new CashfreeApiGateway(config.appId, config.secretKey, runtime),
    },
    ...cashfreeDisputeProviders(),
    ...cashfreeSettlementProviders(),
  ];
}
