import 'reflect-metadata';
import { runService, startHttpService } from '@payments/nest-runtime';
import { loadOrderLedgerConfig } from './order-ledger.config';
import { OrderLedgerModule } from './order-ledger.module';

runService('order-ledger', async () => {
  const config = loadOrderLedgerConfig();
  await startHttpService(OrderLedgerModule.forRoot(config), { service: 'order-ledger', port: config.port });
});
