export * from './infra';
export * from './system-launcher';
export * from './test-database';
export * from './sandbox-process';
export * from './kafka-test-client';
export * from './consumer-lag';
export * from './pii-scan';
export { spawnAppProcess } from './app-process';
