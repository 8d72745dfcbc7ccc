export * from './config';
export * from './database.module';
export * from './messaging.module';
export * from './readiness';
export * from './bootstrap';
export * from './ports';
export * from './cashfree.config';
export * from './periodic-task';
