import 'reflect-metadata';
import { runService, startHttpService } from '@payments/nest-runtime';
import { loadEntitlementsConfig } from './entitlements.config';
import { EntitlementsModule } from './entitlements.module';

runService('entitlements', async () => {
  const config = loadEntitlementsConfig();
  await startHttpService(EntitlementsModule.forRoot(config), { service: 'entitlements', port: config.port });
});
