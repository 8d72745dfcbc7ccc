import type { DeliveryFaults } from '../domain/delivery-faults';
import type { SandboxRuntime } from '../domain/sandbox-runtime';
import type { SandboxCashfreeOrder } from '../cashfree/cashfree-order';
import type { CashfreeOrders, SentWebhook } from '../cashfree/cashfree-orders.service';
import { CashfreeFeeSchedule, cashfreeDisputeFee } from '../cashfree/cashfree-settlement.fees';
import type { CashfreeWebhookPublisher } from '../cashfree-webhooks/cashfree-webhook.publisher';
import { DisputeDocument, OpenDisputeParams, SandboxCashfreeDispute, newDispute } from './cashfree-dispute';
import { CashfreeDisputeCommand, CashfreeDisputeWebhookType, decide } from './cashfree-dispute.decider';
import type { DocumentUpload } from './cashfree-dispute.params';
import { disputeWebhookPayload } from './cashfree-dispute.views';

export type DisputeOutcome =
  | { readonly ok: true; readonly dispute: SandboxCashfreeDispute; readonly order: SandboxCashfreeOrder; readonly webhook: SentWebhook }
  | { readonly ok: false; readonly reason: 'not_found' | 'order_not_found' | 'order_not_paid' }
  | { readonly ok: false; readonly reason: 'not_allowed'; readonly dispute: SandboxCashfreeDispute };

/** The payment a dispute can be raised on: an order's successful attempt. */
export type DisputablePayment =
  | { readonly ok: true; readonly order: SandboxCashfreeOrder; readonly cfPaymentId: string; readonly paidMinor: number }
  | { readonly ok: false; readonly reason: 'order_not_found' | 'order_not_paid'; readonly order?: SandboxCashfreeOrder };

/**
 * The sandbox's Cashfree disputes, in memory, raised by the customer's bank (control endpoint) on
 * a paid order and answered by the merchant through the API. Every change sends its `DISPUTE_*`
 * webhook to the dashboard endpoint (Cashfree sends disputes there, not to an order's notify_url).
 */
export class CashfreeDisputes {
  private readonly disputes = new Map<string, SandboxCashfreeDispute>();
  private lastDisputeId = 433_475_000;
  private lastDocumentId = 0;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly orders: CashfreeOrders,
    private readonly publisher: CashfreeWebhookPublisher,
    private readonly fees: CashfreeFeeSchedule,
  ) {}

  /** The order's successful payment, if it is PAID. */
  disputablePayment(orderId: string): DisputablePayment {
    const order = this.orders.find(orderId);
    if (!order) return { ok: false, reason: 'order_not_found' };
    const paid = order.attempts.find((attempt) => attempt.status === 'SUCCESS');
    if (order.status !== 'PAID' || !paid) return { ok: false, reason: 'order_not_paid', order };
    return { ok: true, order, cfPaymentId: paid.cfPaymentId, paidMinor: paid.amountMinor };
  }

  /** Raises a dispute on a paid order's payment (check `disputablePayment` first) and sends DISPUTE_CREATED. */
  open(orderId: string, params: OpenDisputeParams, faults: DeliveryFaults = {}): DisputeOutcome {
    const payment = this.disputablePayment(orderId);
    if (!payment.ok) return { ok: false, reason: payment.reason };
    this.lastDisputeId += 1;
    const facts = { disputeId: String(this.lastDisputeId), orderId, cfPaymentId: payment.cfPaymentId, fee: cashfreeDisputeFee(params.amountMinor, this.fees) };
    const dispute = newDispute(facts, params, this.runtime.now());
    this.disputes.set(dispute.disputeId, dispute);
    return { ok: true, dispute, order: payment.order, webhook: this.send('DISPUTE_CREATED', dispute, payment.order, faults) };
  }

  find(disputeId: string): { dispute: SandboxCashfreeDispute; order: SandboxCashfreeOrder } | undefined {
    const dispute = this.disputes.get(disputeId);
    const order = dispute ? this.orders.find(dispute.orderId) : undefined;
    return dispute && order ? { dispute, order } : undefined;
  }

  /** Oldest first. */
  ofOrder(orderId: string): SandboxCashfreeDispute[] {
    return this.list().filter((dispute) => dispute.orderId === orderId);
  }

  /** Oldest first. */
  list(): SandboxCashfreeDispute[] {
    return [...this.disputes.values()];
  }

  /** The customer's bank decides: won or lost. */
  resolve(disputeId: string, outcome: 'won' | 'lost', faults: DeliveryFaults = {}): DisputeOutcome {
    return this.apply(disputeId, { type: 'Resolve', outcome, at: this.runtime.now() }, faults);
  }

  /** The merchant concedes. */
  accept(disputeId: string, faults: DeliveryFaults = {}): DisputeOutcome {
    return this.apply(disputeId, { type: 'Accept', at: this.runtime.now() }, faults);
  }

  /** The merchant contests with a document. */
  submitDocument(disputeId: string, upload: DocumentUpload, faults: DeliveryFaults = {}): DisputeOutcome {
    this.lastDocumentId += 1;
    const document: DisputeDocument = {
      documentId: String(this.lastDocumentId), documentName: upload.documentName, documentType: upload.documentType, note: upload.note, sizeBytes: upload.sizeBytes,
    };
    return this.apply(disputeId, { type: 'SubmitDocuments', document, at: this.runtime.now() }, faults);
  }

  private apply(disputeId: string, command: CashfreeDisputeCommand, faults: DeliveryFaults): DisputeOutcome {
    const found = this.find(disputeId);
    if (!found) return { ok: false, reason: 'not_found' };
    const decision = decide(found.dispute, command);
    if (!decision.ok) return { ok: false, reason: 'not_allowed', dispute: found.dispute };
    this.disputes.set(disputeId, decision.dispute);
    return { ok: true, dispute: decision.dispute, order: found.order, webhook: this.send(decision.emits, decision.dispute, found.order, faults) };
  }

  private send(type: CashfreeDisputeWebhookType, dispute: SandboxCashfreeDispute, order: SandboxCashfreeOrder, faults: DeliveryFaults): SentWebhook {
    const payload = disputeWebhookPayload(type, dispute, order, this.runtime.now());
    const logged = this.publisher.publish(payload, { orderId: order.orderId, objectId: dispute.disputeId, notifyUrl: null }, faults);
    return { id: logged.id, type: logged.type };
  }
}
