/** The gateway's answers, as the pages read them (see the gateway's OpenAPI at /docs). */
export interface PriceBreakdown {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel?: string | null;
  couponCode?: string | null;
}

export interface CatalogProduct {
  productId: string;
  kind: 'course' | 'plan';
  title: string;
  quote: (PriceBreakdown & { currency: string }) | null;
}

export interface Catalog {
  currency: string;
  provider: 'stripe' | 'cashfree';
  couponCode: string | null;
  products: CatalogProduct[];
}

export interface OpenedCheckout {
  orderId: string;
  provider: 'stripe' | 'cashfree';
  amountMinor: number;
  currency: string;
  payment: { providerReference: string; clientSecret: string | null; redirectUrl: string | null; paymentSessionId: string | null };
}

/** POST /api/subscriptions/checkout: where to send the browser to authorize the plan. */
export interface OpenedSubscription {
  subscriptionId: string;
  provider: 'stripe' | 'cashfree';
  status: string;
  redirectUrl: string | null;
}

/** The gateway's subscription read model, as /api/subscriptions and the admin API answer. */
export interface SubscriptionView {
  subscriptionId: string; userId: string; planId: string; interval: string; amountMinor: number; currency: string; provider: string; status: string;
  paidThrough: string | null; periodsPaid: number; cancelAtPeriodEnd: boolean; pastDueSince: string | null; endedAt: string | null; endReason: string | null;
  placedAt: string; updatedAt: string;
}

export interface OrderView {
  orderId: string;
  userId: string;
  status: string;
  amountMinor: number;
  refundedMinor: number;
  currency: string;
  provider: string;
  lines: { productId: string; kind: string; quantity: number; unitAmountMinor: number }[];
  breakdown: PriceBreakdown | null;
  invoiceNumber: string | null;
  needsReview: boolean;
  lastFailure: string | null;
  lastFailureCode: string | null;
  placedAt: string | null;
  paidAt: string | null;
  updatedAt: string;
}

export interface Entitlement {
  entitlementId: string;
  productId: string;
  kind: string;
  orderId: string;
  grantedAt: string;
  status?: string;
  validUntil?: string | null;
}

export interface OrderStatusEvent {
  order: OrderView;
  access: Entitlement[];
}

export interface StorefrontSettings {
  devSignIn: boolean;
  providerPagesUrl: string | null;
}

export interface PaymentFailure {
  code: string;
  message: string;
  meaning: string;
  payerAction: string;
}

export type SettlementProvider = 'stripe' | 'cashfree';

/** A reconciliation run (GET /api/admin/reconciliation/runs/:runId): requested, fetched, then reconciled or failed. */
export interface ReconciliationRun {
  runId: string;
  provider: SettlementProvider;
  date: string;
  trigger: string;
  status: 'requested' | 'fetched' | 'reconciled' | 'failed';
  error: string | null;
  requestedAt: string;
  fetchedAt: string | null;
  reconciledAt: string | null;
  failedAt: string | null;
  matchedLines: number | null;
  journalsBooked: number | null;
  openDiscrepancies: number | null;
  resolvedDiscrepancies: number | null;
}

export type DiscrepancyKind = 'missing-in-ledger' | 'missing-at-provider' | 'amount-mismatch' | 'currency-mismatch' | 'settled-twice' | 'unexplained-fee';

/** A difference between a provider's settlement day and the ledger; amounts signed as the provider's line is. */
export interface Discrepancy {
  discrepancyId: string;
  provider: SettlementProvider;
  date: string;
  kind: DiscrepancyKind;
  reference: string;
  orderId: string | null;
  currency: string;
  providerMinor: number | null;
  ledgerMinor: number | null;
  status: 'open' | 'resolved';
  foundAt: string;
  resolvedAt: string | null;
}

/** One payout (Stripe po_..., Cashfree settlement) of the day, without its lines. */
export interface ReportSettlement {
  settlementId: string;
  currency: string;
  amountMinor: number;
  status: string;
  paid: boolean;
  settledAt: string;
  bankReference: string | null;
  journalId: string | null;
}

/** One settlement line and what reconciling it came to. */
export interface ReportLine {
  lineId: string;
  settlementId: string;
  kind: string;
  reference: string;
  orderId: string | null;
  currency: string;
  grossMinor: number;
  feeMinor: number;
  taxOnFeeMinor: number;
  netMinor: number;
  outcome: 'matched' | DiscrepancyKind;
  journalId: string | null;
}

export interface ReportTotal {
  currency: string;
  lines: number;
  matchedLines: number;
  grossMinor: number;
  feeMinor: number;
  taxOnFeeMinor: number;
  netMinor: number;
  paidOutMinor: number;
}

/** GET /api/admin/reconciliation/reports/:provider/:date: the latest run, every run, payouts, lines, discrepancies, totals. */
export interface SettlementDayReport {
  provider: SettlementProvider;
  date: string;
  run: ReconciliationRun;
  runs: ReconciliationRun[];
  settlements: ReportSettlement[];
  lines: ReportLine[];
  discrepancies: Discrepancy[];
  totals: ReportTotal[];
}

export type DisputeStage = 'none' | 'opened' | 'won' | 'lost';

/** GET /api/admin/disputes: an order with a dispute, at its latest dispute's stage. */
export interface DisputedOrder {
  orderId: string;
  userId: string;
  provider: SettlementProvider;
  status: string;
  amountMinor: number;
  currency: string;
  paidMinor: number;
  refundedMinor: number;
  disputeStage: Exclude<DisputeStage, 'none'>;
  updatedAt: string;
}

/** An admin action on a dispute as the provider answered it. */
export interface DisputeActionRecord {
  requestId: string;
  action: 'accept' | 'submit-evidence';
  outcome: 'done' | 'refused';
  status?: string;
  errorCode?: string;
  completedAt: string;
}

export interface OrderDispute {
  disputeId: string;
  stage: DisputeStage;
  status: string;
  providerPaymentId: string;
  amountMinor: number;
  currency: string;
  feeMinor: number;
  inquiry: boolean;
  respondBy: string | null;
  actions: DisputeActionRecord[];
}

/** GET /api/admin/orders/:orderId/disputes. */
export interface OrderDisputes {
  orderId: string;
  userId: string;
  provider: SettlementProvider;
  disputes: OrderDispute[];
  awaitingPayment: number;
}

/** 202 to POST .../disputes/:disputeId/accept or /evidence: requested; the outcome shows in the order's disputes later. */
export interface DisputeActionAccepted {
  requestId: string;
  orderId: string;
  disputeId: string;
  action: 'accept' | 'submit-evidence';
  status: 'requested';
}
