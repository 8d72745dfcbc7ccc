export * from './port';
export * from './stripe';
