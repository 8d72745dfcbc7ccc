import { Provider, Type } from '@nestjs/common';
import { ReconcileDayService } from './reconcile-day.service';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationMessagesHandler } from './reconciliation-messages.handler';
import { ReconciliationMetrics } from './reconciliation.metrics';
import { ReconciliationRunsService } from './reconciliation-runs.service';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { SettlementReportsService } from './settlement-reports.service';

/** What order-ledger's module registers for settlement reconciliation. */
export const reconciliationProviders: Provider[] = [
  ReconciliationMetrics, ReconcileDayService, ReconciliationRunsService, SettlementReportsService, ReconciliationMessagesHandler, ReconciliationScheduler,
];

export const reconciliationControllers: Type<unknown>[] = [ReconciliationController];
