import { randomUUID } from 'node:crypto';
import type { ProviderName } from '@payments/contracts';
import type {
  OpenCheckoutInput, OpenCheckoutResult, PaymentProviderPort, RefundInput, RefundResult, RetrievedPayment, RetrievedRefund,
} from '../port/payment-provider.port';
import type { ParsedWebhook } from '../port/provider-event.types';
import type { DisputeAction, DisputeActionResult, ProviderSettlement, SettlementDayQuery, SettlementProviderPort } from '../port/settlement.port';
import type {
  CancelSubscriptionInput, CancelSubscriptionResult, OpenSubscriptionCheckoutInput, OpenSubscriptionCheckoutResult,
} from '../port/subscription.port';
import { ProviderError } from '../port/provider.errors';
import { CASHFREE_DEFAULTS, CashfreeAdapterConfig, CashfreeAdapterDependencies } from './cashfree-adapter.config';
import { minorFromCashfreeAmount } from './cashfree-amount';
import type { CashfreeOrderEntity, CashfreePaymentEntity } from './cashfree-api.types';
import { readCashfreeEnvelope } from './cashfree-event.reader';
import { toParsedWebhook } from './cashfree-event.mapper';
import { CashfreeDisputes } from './cashfree-disputes.client';
import { CashfreeHttpClient } from './cashfree-http.client';
import { assertOpenableOrder, cashfreeIdempotencyKey, createOrderBody } from './cashfree-order.request';
import { CashfreeRefunds } from './cashfree-refunds.client';
import { CashfreeSettlements } from './cashfree-settlements.client';
import { CashfreeSubscriptions } from './cashfree-subscriptions.client';
import { verifyCashfreeWebhook } from './cashfree-webhook.verifier';

const ORDER_REFERENCE = /^[A-Za-z0-9_-]{3,45}$/;

/**
 * Cashfree PG orders behind the provider port, over its REST API. The order is created with our
 * order id as Cashfree's `order_id`, which is therefore the `providerReference`: every Cashfree
 * path and webhook names the order by it (`cf_order_id` is Cashfree's internal number and
 * addresses nothing). Payment attempts are `cf_payment_id`s under that order.
 */
export class CashfreeAdapter implements PaymentProviderPort, SettlementProviderPort {
  readonly name: ProviderName = 'cashfree';
  private readonly http: CashfreeHttpClient;
  private readonly refunds: CashfreeRefunds;
  private readonly subscriptions: CashfreeSubscriptions;
  private readonly disputes: CashfreeDisputes;
  private readonly settlements: CashfreeSettlements;
  private readonly webhookSecrets: readonly string[];
  private readonly toleranceSeconds: number;
  private readonly now: () => Date;

  constructor(private readonly config: CashfreeAdapterConfig, dependencies: CashfreeAdapterDependencies = {}) {
    if (!config.appId) throw new Error('CashfreeAdapterConfig.appId is empty');
    if (!config.secretKey) throw new Error('CashfreeAdapterConfig.secretKey is empty');
    if (!/^https?:\/\//.test(config.baseUrl ?? '')) throw new Error('CashfreeAdapterConfig.baseUrl must be an http(s) URL');
    this.toleranceSeconds = config.webhookToleranceSeconds ?? CASHFREE_DEFAULTS.webhookToleranceSeconds;
    if (!(this.toleranceSeconds > 0)) throw new Error('CashfreeAdapterConfig.webhookToleranceSeconds must be positive');
    this.webhookSecrets = config.webhookSecrets && config.webhookSecrets.length > 0 ? config.webhookSecrets : [config.secretKey];
    this.now = dependencies.now ?? (() => new Date());
    this.http = new CashfreeHttpClient({
      baseUrl: config.baseUrl,
      appId: config.appId,
      secretKey: config.secretKey,
      apiVersion: config.apiVersion ?? CASHFREE_DEFAULTS.apiVersion,
      timeoutMs: config.timeoutMs ?? CASHFREE_DEFAULTS.timeoutMs,
      maxRetries: config.maxRetries ?? CASHFREE_DEFAULTS.maxRetries,
      sleep: dependencies.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      newRequestId: dependencies.newRequestId ?? randomUUID,
    });
    this.refunds = new CashfreeRefunds(this.http);
    this.subscriptions = new CashfreeSubscriptions(this.http, {
      placeholderPhone: config.placeholderPhone ?? CASHFREE_DEFAULTS.placeholderPhone,
      placeholderEmail: config.placeholderEmail ?? CASHFREE_DEFAULTS.placeholderEmail,
      returnUrl: config.returnUrl,
      checkoutUrl: config.subscriptionCheckoutUrl,
    });
    const pageSize = config.settlementPageSize ?? CASHFREE_DEFAULTS.settlementPageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new Error('CashfreeAdapterConfig.settlementPageSize must be an integer from 1 to 1000');
    this.disputes = new CashfreeDisputes(this.http);
    this.settlements = new CashfreeSettlements(this.http, pageSize, (orderId) => this.disputes.ofOrder(orderId));
  }

  async openCheckout(input: OpenCheckoutInput): Promise<OpenCheckoutResult> {
    assertOpenableOrder(input);
    const body = createOrderBody(input, {
      placeholderPhone: this.config.placeholderPhone ?? CASHFREE_DEFAULTS.placeholderPhone,
      returnUrl: this.config.returnUrl,
      notifyUrl: this.config.notifyUrl,
    });
    let order: CashfreeOrderEntity;
    try {
      order = await this.http.call<CashfreeOrderEntity>({
        method: 'POST', path: '/orders', body, idempotencyKey: cashfreeIdempotencyKey(input.idempotencyKey), what: 'create order',
      });
    } catch (error) {
      order = await this.existingOrderFor(input, error);
    }
    return { provider: 'cashfree', providerReference: order.order_id, paymentSessionId: order.payment_session_id, status: order.order_status };
  }

  /**
   * `providerReference` is the order id. Before the order is paid the amount is the order's;
   * once it is, the amount of the attempt that succeeded.
   */
  async retrievePayment(providerReference: string): Promise<RetrievedPayment> {
    if (!ORDER_REFERENCE.test(providerReference)) throw new ProviderError('PROVIDER.INVALID_REQUEST', `not a Cashfree order id: "${providerReference}"`);
    const path = `/orders/${encodeURIComponent(providerReference)}`;
    const order = await this.http.call<CashfreeOrderEntity>({ method: 'GET', path, what: 'get order' });
    const currency = order.order_currency.toUpperCase();
    let amount: unknown = order.order_amount;
    let paymentId: string | null = null;
    if (order.order_status === 'PAID') {
      const payments = await this.http.call<CashfreePaymentEntity[]>({ method: 'GET', path: `${path}/payments`, what: 'get order payments' });
      const paid = payments.find((payment) => payment.payment_status === 'SUCCESS');
      if (paid) {
        amount = paid.payment_amount;
        paymentId = String(paid.cf_payment_id);
      }
    }
    return {
      status: order.order_status,
      amountMinor: minorFromCashfreeAmount(amount, currency, 'amount'),
      currency,
      orderId: order.order_id,
      paid: paymentId !== null,
      paymentId,
    };
  }

  /** Refunds (part of) the order's successful attempt; `providerReference` is the order id, `refund_id` our refund id. */
  refund(input: RefundInput): Promise<RefundResult> {
    return this.refunds.create(input);
  }

  /** `providerRefundId` is `<order_id>:<refund_id>`, as `refund` and the refund webhook give it. */
  retrieveRefund(providerRefundId: string): Promise<RetrievedRefund> {
    return this.refunds.retrieve(providerRefundId);
  }

  /** A plan per price and interval, then a subscription whose `subscription_id` is ours; `providerReference` is that id. */
  openSubscriptionCheckout(input: OpenSubscriptionCheckoutInput): Promise<OpenSubscriptionCheckoutResult> {
    return this.subscriptions.open(input);
  }

  /** Cashfree's `CANCEL` for both modes: it ends the subscription now (`mode: 'immediately'` in the result). */
  cancelSubscription(input: CancelSubscriptionInput): Promise<CancelSubscriptionResult> {
    return this.subscriptions.cancel(input);
  }

  /** The settlements Cashfree settled on the day (UTC), each with its recon events as lines in signed paise. */
  listSettlements(query: SettlementDayQuery): Promise<ProviderSettlement[]> {
    return this.settlements.listDay(query);
  }

  /** `accept`: `PUT /disputes/{id}/accept`; `submit-evidence`: the explanation as a text document, `POST /disputes/{id}/documents`. */
  actOnDispute(action: DisputeAction): Promise<DisputeActionResult> {
    return this.disputes.act(action);
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ParsedWebhook {
    verifyCashfreeWebhook(rawBody, headers, { secrets: this.webhookSecrets, toleranceSeconds: this.toleranceSeconds, now: this.now });
    return toParsedWebhook(readCashfreeEnvelope(rawBody), rawBody, this.now());
  }

  /**
   * The order id is taken (409 `order_already_exists`): our first request did create it, and its
   * idempotency record is gone or the call was made under another key. If the order Cashfree holds
   * is the one we asked for, it is ours to continue with; otherwise the conflict stands.
   */
  private async existingOrderFor(input: OpenCheckoutInput, error: unknown): Promise<CashfreeOrderEntity> {
    if (!(error instanceof ProviderError) || error.providerCode !== 'order_already_exists') throw error;
    const path = `/orders/${encodeURIComponent(input.orderId)}`;
    const order = await this.http.call<CashfreeOrderEntity>({ method: 'GET', path, what: 'get order' });
    const sameOrder = order.order_currency.toUpperCase() === input.currency
      && minorFromCashfreeAmount(order.order_amount, input.currency, 'order_amount') === input.amountMinor;
    if (!sameOrder) throw error;
    return order;
  }
}
