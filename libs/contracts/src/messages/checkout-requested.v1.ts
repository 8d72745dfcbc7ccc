import { defineContract } from '../contract';
import { Topics } from '../topics';
import { nonEmpty, object, provider } from './schema-parts';
import { ProviderName } from './common';

/** gateway asks checkout to price a purchase and open a provider session. Never carries an amount. */
export interface CheckoutRequestedV1 {
  readonly userId: string;
  readonly idempotencyKey: string;
  /** sha256 of the canonical request body; same key + different hash is refused. */
  readonly requestHash: string;
  readonly productId: string;
  readonly quantity: number;
  /** ISO 4217; checkout's default currency when absent. */
  readonly currency?: string;
  readonly couponCode?: string;
  readonly providerPreference?: ProviderName;
  readonly customerEmail?: string;
  /** The gateway instance waiting for the reply (it filters `checkout.replies` on it). */
  readonly replyTo: string;
}

export const CheckoutRequested = defineContract<CheckoutRequestedV1>()({
  type: 'CheckoutRequested',
  version: 1,
  topic: Topics.checkoutCommands,
  schema: object(
    {
      userId: nonEmpty,
      idempotencyKey: nonEmpty,
      requestHash: { type: 'string', pattern: '^[a-f0-9]{64}$' },
      productId: nonEmpty,
      quantity: { type: 'integer', minimum: 1, maximum: 100 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
      couponCode: { type: 'string', minLength: 1, maxLength: 64 },
      providerPreference: provider,
      customerEmail: { type: 'string', maxLength: 254 },
      replyTo: nonEmpty,
    },
    ['currency', 'couponCode', 'providerPreference', 'customerEmail'],
  ),
});

