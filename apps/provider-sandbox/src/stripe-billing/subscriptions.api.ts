import { ApiResponse, StripeErrors } from '../stripe/stripe-api.errors';
import type { Operation, RequestContext } from '../stripe/stripe-api.gateway';
import { Params, isError, parseMetadata } from '../stripe/stripe-params';
import { expandsOf, optionalBoolean, unknownBesidesExpand } from './billing-api.params';
import { customerView } from './billing-customer';
import type { SubscriptionRecord } from './billing-records';
import { invoiceView } from './invoice.views';
import type { StripeSubscriptions, SubscriptionOutcome } from './stripe-subscriptions.service';

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const eventRequest = (context: RequestContext) => ({ request: { id: context.requestId, idempotency_key: context.idempotencyKey } });

/** The `/v1/subscriptions`, `/v1/invoices` and `/v1/customers` operations, run inside `StripeApiGateway.handle`. */
export class SubscriptionsApi {
  constructor(private readonly subscriptions: StripeSubscriptions) {}

  retrieve(id: string, params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const subscription = this.subscriptions.find(id);
      return { executed: subscription ? ok(this.subscriptionBody(subscription, expandsOf(params))) : StripeErrors.noSuchSubscription(id) };
    };
  }

  /** `cancel_at_period_end` and `metadata`; each change sends `customer.subscription.updated`. */
  update(id: string, params: Params): Operation {
    return (context) => {
      const unknown = unknownBesidesExpand(params, ['cancel_at_period_end', 'metadata']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const cancelAtPeriodEnd = optionalBoolean(params, 'cancel_at_period_end');
      if (isError(cancelAtPeriodEnd)) return { rejected: cancelAtPeriodEnd };
      const metadata = params.metadata === undefined ? undefined : parseMetadata(params.metadata);
      if (isError(metadata)) return { rejected: metadata };
      const outcome = this.subscriptions.update(id, { cancelAtPeriodEnd, metadata }, eventRequest(context));
      return { executed: this.outcomeResponse(id, outcome, expandsOf(params)) };
    };
  }

  /** `DELETE /v1/subscriptions/:id`: canceled at once; `customer.subscription.deleted`. */
  cancel(id: string, params: Params): Operation {
    return (context) => {
      const unknown = unknownBesidesExpand(params, ['invoice_now', 'prorate', 'cancellation_details']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      return { executed: this.outcomeResponse(id, this.subscriptions.cancel(id, eventRequest(context)), expandsOf(params)) };
    };
  }

  retrieveInvoice(id: string, params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const invoice = this.subscriptions.findInvoice(id);
      return { executed: invoice ? ok(invoiceView(invoice, { payments: expandsOf(params).includes('payments') })) : StripeErrors.noSuchInvoice(id) };
    };
  }

  /** `GET /v1/invoices?subscription=&customer=&status=`, newest first; `expand[]=data.payments` adds each invoice's payments. */
  listInvoices(params: Params): Operation {
    return () => {
      const unknown = unknownBesidesExpand(params, ['subscription', 'customer', 'status', 'limit']);
      if (unknown) return { rejected: StripeErrors.unknownParam(unknown) };
      const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
      const payments = expandsOf(params).includes('data.payments');
      const data = this.subscriptions.listInvoices({ subscription: text('subscription'), customer: text('customer'), status: text('status') })
        .map((invoice) => invoiceView(invoice, { payments }));
      return { executed: ok({ object: 'list', data, has_more: false, url: '/v1/invoices' }) };
    };
  }

  retrieveCustomer(id: string): Operation {
    return () => {
      const customer = this.subscriptions.findCustomer(id);
      return { executed: customer ? ok(customerView(customer)) : StripeErrors.noSuchCustomer(id) };
    };
  }

  /** The subscription, with `latest_invoice` as the object when asked (`expand[]=latest_invoice`, `latest_invoice.payments`). */
  subscriptionBody(subscription: SubscriptionRecord, expand: readonly string[]) {
    const view = this.subscriptions.view(subscription);
    if (!expand.some((path) => path.startsWith('latest_invoice'))) return view;
    const invoice = this.subscriptions.findInvoice(subscription.latestInvoiceId);
    return { ...view, latest_invoice: invoice ? invoiceView(invoice, { payments: expand.includes('latest_invoice.payments') }) : null };
  }

  private outcomeResponse(id: string, outcome: SubscriptionOutcome, expand: readonly string[]): ApiResponse {
    if (outcome.ok) return ok(this.subscriptionBody(outcome.subscription, expand));
    return outcome.reason === 'not_found' ? StripeErrors.noSuchSubscription(id) : StripeErrors.subscriptionCanceled();
  }
}
