import Stripe from 'stripe';
import type { ProviderName } from '@payments/contracts';
import { isKnownCurrency } from '@payments/money';
import { assertMinorUnits } from '../port/minor-units';
import type { OpenCheckoutInput, OpenCheckoutResult, PaymentProviderPort, RetrievedPayment } from '../port/payment-provider.port';
import type { ParsedWebhook } from '../port/provider-event.types';
import { ProviderError } from '../port/provider.errors';
import { STRIPE_DEFAULTS, StripeAdapterConfig, StripeAdapterDependencies } from './stripe-adapter.config';
import { toProviderError } from './stripe-error.mapper';
import { toParsedWebhook } from './stripe-event.mapper';
import { verifyStripeWebhook } from './stripe-webhook.verifier';

function invalid(message: string): ProviderError {
  return new ProviderError('PROVIDER.INVALID_REQUEST', message);
}

/** Stripe PaymentIntents behind the provider port, through the official SDK only. */
export class StripeAdapter implements PaymentProviderPort {
  readonly name: ProviderName = 'stripe';
  private readonly stripe: Stripe;
  private readonly toleranceSeconds: number;
  private readonly now: () => Date;

  constructor(private readonly config: StripeAdapterConfig, dependencies: StripeAdapterDependencies = {}) {
    if (!config.secretKey) throw new Error('StripeAdapterConfig.secretKey is empty');
    this.toleranceSeconds = config.webhookToleranceSeconds ?? STRIPE_DEFAULTS.webhookToleranceSeconds;
    // A tolerance of 0 would make the SDK skip the timestamp check: stale replays would pass.
    if (!(this.toleranceSeconds > 0)) throw new Error('StripeAdapterConfig.webhookToleranceSeconds must be positive');
    this.now = dependencies.now ?? (() => new Date());
    this.stripe = new Stripe(config.secretKey, {
      host: config.apiHost,
      port: config.apiPort,
      protocol: config.apiProtocol,
      timeout: config.timeoutMs ?? STRIPE_DEFAULTS.timeoutMs,
      maxNetworkRetries: config.maxNetworkRetries ?? STRIPE_DEFAULTS.maxNetworkRetries,
      telemetry: false,
    });
  }

  async openCheckout(input: OpenCheckoutInput): Promise<OpenCheckoutResult> {
    assertMinorUnits(input.amountMinor);
    if (!isKnownCurrency(input.currency)) throw invalid(`currency must be an upper-case ISO 4217 code, got "${input.currency}"`);
    // Without our key stripe-node invents a random one per call, and a retry after a crash would pay twice.
    if (!input.idempotencyKey) throw invalid('an idempotency key derived from our ids is required');
    const params: Stripe.PaymentIntentCreateParams = {
      amount: input.amountMinor,
      currency: input.currency.toLowerCase(),
      description: input.description,
      metadata: { order_id: input.orderId, customer_id: input.customerId },
      automatic_payment_methods: { enabled: true },
      ...(input.customerEmail ? { receipt_email: input.customerEmail } : {}),
    };
    const intent = await this.call(() => this.stripe.paymentIntents.create(params, { idempotencyKey: input.idempotencyKey }));
    return {
      provider: 'stripe',
      providerReference: intent.id,
      clientSecret: intent.client_secret ?? undefined,
      status: intent.status,
    };
  }

  async retrievePayment(providerReference: string): Promise<RetrievedPayment> {
    if (!providerReference.startsWith('pi_')) throw invalid(`not a PaymentIntent id: "${providerReference}"`);
    const intent = await this.call(() => this.stripe.paymentIntents.retrieve(providerReference));
    return {
      status: intent.status,
      amountMinor: intent.status === 'succeeded' ? intent.amount_received : intent.amount,
      currency: intent.currency.toUpperCase(),
      orderId: intent.metadata?.order_id || null,
    };
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ParsedWebhook {
    const event = verifyStripeWebhook(rawBody, headers, {
      webhooks: this.stripe.webhooks,
      secrets: this.config.webhookSecrets,
      toleranceSeconds: this.toleranceSeconds,
      now: this.now,
    });
    return toParsedWebhook(event);
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toProviderError(error);
    }
  }
}
