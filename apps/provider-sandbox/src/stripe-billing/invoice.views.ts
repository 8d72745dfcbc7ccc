import { InvoiceRecord, invoiceTotal } from './billing-records';

/*
 * The sandbox's invoices as Stripe's API returns them for API 2026-10-28.endive: the subscription
 * under `parent.subscription_details`, the service period on `lines.data[].period`, payments only
 * when `expand[]=payments` asks for them.
 */

export function invoiceLineView(invoice: InvoiceRecord) {
  const amount = invoiceTotal(invoice);
  return {
    id: invoice.lineId, object: 'line_item' as const, amount, currency: invoice.currency, description: `${invoice.quantity} × subscription`,
    discount_amounts: [], discountable: true, discounts: [], invoice: invoice.id, livemode: false, metadata: invoice.subscriptionMetadata,
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: invoice.subscriptionId,
        subscription_item: invoice.subscriptionItemId,
      },
      type: 'subscription_item_details' as const,
    },
    period: { end: invoice.period.end, start: invoice.period.start }, pretax_credit_amounts: [],
    pricing: { price_details: { price: invoice.priceId, product: invoice.productId }, type: 'price_details' as const, unit_amount_decimal: String(invoice.unitAmount) },
    quantity: invoice.quantity, quantity_decimal: String(invoice.quantity), subscription: invoice.subscriptionId, subtotal: amount, taxes: [],
  };
}

/** The one payment of a paid invoice, or the pending one of an open invoice (`expand[]=payments`). */
export function invoicePaymentView(invoice: InvoiceRecord) {
  const amount = invoiceTotal(invoice);
  return {
    id: `inpay_${invoice.id.replace(/^in_/, '')}`, object: 'invoice_payment' as const, amount_paid: invoice.status === 'paid' ? amount : null,
    amount_requested: amount, created: invoice.created, currency: invoice.currency, invoice: invoice.id, is_default: true, livemode: false,
    payment: { payment_intent: invoice.paymentIntentId, type: 'payment_intent' }, status: invoice.status === 'paid' ? 'paid' : 'open',
    status_transitions: { canceled_at: null, paid_at: invoice.paidAt },
  };
}

export function invoiceView(invoice: InvoiceRecord, options: { payments?: boolean } = {}) {
  const total = invoiceTotal(invoice);
  const paid = invoice.status === 'paid';
  const line = invoiceLineView(invoice);
  return {
    id: invoice.id, object: 'invoice' as const, account_country: 'US', account_name: 'provider-sandbox', account_tax_ids: null, amount_due: total,
    amount_overpaid: 0, amount_paid: paid ? total : 0, amount_remaining: paid ? 0 : total, amount_shipping: 0, application: null,
    attempt_count: invoice.attemptCount, attempted: invoice.attemptCount > 0, auto_advance: !paid,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null }, automatically_finalizes_at: null,
    billing_reason: invoice.billingReason, collection_method: 'charge_automatically' as const, created: invoice.created, currency: invoice.currency,
    custom_fields: null, customer: invoice.customerId, customer_account: null, customer_address: null, customer_email: null, customer_name: null,
    customer_phone: null, customer_shipping: null, customer_tax_exempt: 'none', customer_tax_ids: [], default_payment_method: null, default_source: null,
    default_tax_rates: [], description: null, discounts: [], due_date: null, effective_at: invoice.created, ending_balance: 0, footer: null,
    from_invoice: null, hosted_invoice_url: null, invoice_pdf: null, issuer: { type: 'self' }, last_finalization_error: null, latest_revision: null,
    lines: { object: 'list' as const, data: [line], has_more: false, total_count: 1, url: `/v1/invoices/${invoice.id}/lines` },
    livemode: false, metadata: {}, next_payment_attempt: invoice.nextPaymentAttempt, number: invoice.number, on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: invoice.subscriptionMetadata, subscription: invoice.subscriptionId },
      type: 'subscription_details' as const,
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    ...(options.payments
      ? { payments: { object: 'list' as const, data: [invoicePaymentView(invoice)], has_more: false, url: `/v1/invoice_payments?invoice=${invoice.id}` } }
      : {}),
    period_end: invoice.created, period_start: invoice.created, post_payment_credit_notes_amount: 0, pre_payment_credit_notes_amount: 0,
    receipt_number: null, rendering: null, shipping_cost: null, shipping_details: null, starting_balance: 0, statement_descriptor: null,
    status: invoice.status, status_transitions: { finalized_at: invoice.created, marked_uncollectible_at: null, paid_at: invoice.paidAt, voided_at: null },
    subtotal: total, subtotal_excluding_tax: total, test_clock: invoice.testClockId, total, total_discount_amounts: [], total_excluding_tax: total,
    total_pretax_credit_amounts: [], total_taxes: [], webhooks_delivered_at: invoice.created,
  };
}
