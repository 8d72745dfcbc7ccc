export * from './stripe-adapter.config';
export { StripeAdapter } from './stripe.adapter';
export { STRIPE_EVENT_MAPPINGS } from './stripe-event.mapper';
