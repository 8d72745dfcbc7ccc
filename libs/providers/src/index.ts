export * from './port';
export * from './stripe';
export * from './cashfree';
