import 'reflect-metadata';
import { runService, startHttpService } from '@payments/nest-runtime';
import { loadCheckoutConfig } from './checkout.config';
import { CheckoutModule } from './checkout.module';

runService('checkout', async () => {
  const config = loadCheckoutConfig();
  await startHttpService(CheckoutModule.forRoot(config), { service: 'checkout', port: config.port });
});
