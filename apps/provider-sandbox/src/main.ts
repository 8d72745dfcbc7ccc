import 'reflect-metadata';
import { runService } from '@payments/nest-runtime';
import { createLogger } from '@payments/observability';
import { bootstrapSandbox, sandboxUrl } from './sandbox.app';
import { loadSandboxConfig } from './sandbox.config';

runService('provider-sandbox', async () => {
  const config = loadSandboxConfig();
  const app = await bootstrapSandbox(config);
  app.enableShutdownHooks();
  createLogger('provider-sandbox').info(
    { url: sandboxUrl(app), webhookUrl: config.stripe.webhookUrl, cashfreeWebhookUrl: config.cashfree.webhookUrl },
    'provider-sandbox listening (Stripe API under /v1, Cashfree PG under /cashfree/pg, test controls under /_sandbox, hosted pages under /pay/stripe/:id and /pay/cashfree/:orderId)',
  );
});
