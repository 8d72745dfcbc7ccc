import { ReconciliationAdminController } from './admin/reconciliation/reconciliation-admin.controller';
import { Provider, Type } from '@nestjs/common';
import { DevSignInController } from './dev-sign-in/dev-sign-in.controller';
import { DevTokenIssuer } from './dev-sign-in/dev-token.issuer';
import { CatalogController } from './catalog/catalog.controller';
import { GatewayConfig } from './gateway.config';
import { PaymentFlowMetrics } from './metrics/payment-flow.metrics';
import { OrderChangeFeed } from './order-status/order-change.feed';
import { OrderStatusController } from './order-status/order-status.controller';
import { StorefrontController } from './web/storefront.controller';
import { AdminActionService } from './admin/admin-action.service';
import { AdminAuditController } from './admin/admin-audit.controller';
import { AdminOrdersController } from './admin/admin-orders.controller';
import { AdminSubscriptionsController } from './admin/admin-subscriptions.controller';
import { DeadLettersController } from './admin/dead-letters.controller';
import { MetricsOverviewController } from './admin/metrics-overview.controller';
import { ParkedMessagesAdminController } from './admin/parked-messages.controller';
import { ReviewFlagsController } from './admin/review-flags.controller';
import { ServiceHttpClient } from './admin/service-http.client';
import { DisputeActionsController } from './admin/disputes/dispute-actions.controller';
import { RequestDisputeActionService } from './admin/disputes/request-dispute-action.service';

/** What the web pages use beyond the checkout API: the storefront's catalog and status stream, the console's admin API, the development sign-in. */
export function webAndConsoleControllers(config: GatewayConfig): Type[] {
  return [
    CatalogController, StorefrontController, OrderStatusController,
    AdminOrdersController, AdminSubscriptionsController, ReviewFlagsController, DeadLettersController, ParkedMessagesAdminController, MetricsOverviewController, AdminAuditController, DisputeActionsController, ReconciliationAdminController,
    ...(config.web.devSignIn ? [DevSignInController] : []),
  ];
}

export function webAndConsoleProviders(config: GatewayConfig): Provider[] {
  return [
    AdminActionService, ServiceHttpClient, OrderChangeFeed, PaymentFlowMetrics, RequestDisputeActionService,
    ...(config.web.devSignIn ? [{ provide: DevTokenIssuer, useFactory: () => DevTokenIssuer.create() }] : []),
  ];
}
