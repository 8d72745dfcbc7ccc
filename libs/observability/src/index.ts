export * from './redaction';
export * from './logger';
export * from './metrics';
export * from './observability.module';
export * from './tracing';
export * from './tracing.sdk';
export * from './http-tracing';
