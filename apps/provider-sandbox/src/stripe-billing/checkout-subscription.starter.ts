import type { SubscriptionData } from '../stripe/checkout-session';
import type { SubscriptionLinks } from '../stripe/checkout-session.decider';
import type { SubscriptionStarter } from '../stripe/checkout-sessions.service';
import type { ChangeContext } from '../stripe/payment-intents.service';
import type { SandboxPrice } from './price';
import type { StripeCatalog } from './stripe-catalog.service';
import type { StripeSubscriptions } from './stripe-subscriptions.service';

/** Completing a subscription-mode Checkout Session: the subscription of its price, for its customer email, with `subscription_data.metadata`. */
export function checkoutSubscriptionStarter(subscriptions: StripeSubscriptions, catalog: StripeCatalog): SubscriptionStarter {
  return {
    start(session, line: { priceId: string; quantity: number }, data: SubscriptionData, context: ChangeContext): SubscriptionLinks {
      const price = catalog.findPrice(line.priceId) as SandboxPrice;
      const started = subscriptions.start({ price, quantity: line.quantity, metadata: data.metadata, email: session.customer_email }, context);
      return { customer: started.customer.id, subscription: started.subscription.id, invoice: started.invoice.id };
    },
  };
}
