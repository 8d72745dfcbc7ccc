/** A Customer the sandbox creates for a subscription, on that subscription's test clock. */
export interface CustomerRecord {
  readonly id: string;
  readonly email: string | null;
  readonly created: number;
  readonly testClockId: string;
  /** Stripe numbers a customer's invoices `<prefix>-0001`, `-0002`... */
  readonly invoicePrefix: string;
  readonly nextInvoiceSequence: number;
}

export const invoicePrefixOf = (customerId: string): string => customerId.replace(/^cus_/, '').slice(0, 8).toUpperCase().padEnd(8, '0');

export const invoiceNumber = (customer: CustomerRecord): string => `${customer.invoicePrefix}-${String(customer.nextInvoiceSequence).padStart(4, '0')}`;

/** The customer as Stripe's API returns it. */
export function customerView(customer: CustomerRecord) {
  return {
    id: customer.id, object: 'customer' as const, address: null, balance: 0, created: customer.created, currency: null, default_source: null,
    delinquent: false, description: null, discount: null, email: customer.email, invoice_prefix: customer.invoicePrefix,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null }, livemode: false, metadata: {},
    name: null, next_invoice_sequence: customer.nextInvoiceSequence, phone: null, preferred_locales: [], shipping: null, tax_exempt: 'none',
    test_clock: customer.testClockId,
  };
}
