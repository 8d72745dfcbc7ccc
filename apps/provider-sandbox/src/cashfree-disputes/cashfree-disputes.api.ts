import { CashfreeApiResponse, CashfreeErrors } from '../cashfree/cashfree-api.errors';
import type { CashfreeOperation } from '../cashfree/cashfree-api.gateway';
import type { ParamsResult } from '../cashfree/cashfree-order.params';
import type { CashfreeOrders } from '../cashfree/cashfree-orders.service';
import { disputeStatus } from './cashfree-dispute';
import type { DocumentUpload } from './cashfree-dispute.params';
import { disputeEntity } from './cashfree-dispute.views';
import { CashfreeDisputes, DisputeOutcome } from './cashfree-disputes.service';

const ok = (body: unknown): CashfreeApiResponse => ({ status: 200, body });
const DISPUTE_ID = /^\d{1,19}$/;

/** A refused dispute change as Cashfree words it. */
export function disputeRefusal(outcome: Extract<DisputeOutcome, { ok: false }>): CashfreeApiResponse {
  switch (outcome.reason) {
    case 'not_found':
      return CashfreeErrors.disputeNotFound();
    case 'order_not_found':
      return CashfreeErrors.orderNotFound();
    case 'order_not_paid':
      return CashfreeErrors.orderNotDisputable('not PAID');
    case 'not_allowed':
      return CashfreeErrors.disputeNotOpen(disputeStatus(outcome.dispute));
  }
}

/** The `/pg/disputes` operations, run inside `CashfreeApiGateway.handle`. */
export class CashfreeDisputesApi {
  constructor(
    private readonly disputes: CashfreeDisputes,
    private readonly orders: CashfreeOrders,
  ) {}

  get(disputeId: string): CashfreeOperation {
    return () => {
      if (!DISPUTE_ID.test(disputeId)) return { rejected: CashfreeErrors.invalidField('dispute_id', 'should be a number') };
      const found = this.disputes.find(disputeId);
      return { executed: found ? ok(disputeEntity(found.dispute, found.order)) : CashfreeErrors.disputeNotFound() };
    };
  }

  ofOrder(orderId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      if (!order) return { executed: CashfreeErrors.orderNotFound() };
      return { executed: ok(this.disputes.ofOrder(orderId).map((dispute) => disputeEntity(dispute, order))) };
    };
  }

  /** `GET /payments/{cf_payment_id}/disputes`: the disputes raised on one payment. */
  ofPayment(cfPaymentId: string): CashfreeOperation {
    return () => {
      const order = this.orders.list().find((candidate) => candidate.attempts.some((attempt) => attempt.cfPaymentId === cfPaymentId));
      if (!order) return { executed: CashfreeErrors.paymentNotFound() };
      const disputes = this.disputes.ofOrder(order.orderId).filter((dispute) => dispute.cfPaymentId === cfPaymentId);
      return { executed: ok(disputes.map((dispute) => disputeEntity(dispute, order))) };
    };
  }

  /** `PUT /disputes/{id}/accept`: `<TYPE>_MERCHANT_ACCEPTED`, and DISPUTE_CLOSED. */
  accept(disputeId: string): CashfreeOperation {
    return () => {
      if (!DISPUTE_ID.test(disputeId)) return { rejected: CashfreeErrors.invalidField('dispute_id', 'should be a number') };
      const outcome = this.disputes.accept(disputeId);
      return { executed: outcome.ok ? ok(disputeEntity(outcome.dispute, outcome.order)) : disputeRefusal(outcome) };
    };
  }

  /** `POST /disputes/{id}/documents`: `<TYPE>_DOCS_RECEIVED`, and DISPUTE_UPDATED; answered, as the 2023-08-01 spec has it, as a list of one. */
  submitDocument(disputeId: string, upload: ParamsResult<DocumentUpload>): CashfreeOperation {
    return () => {
      if (!DISPUTE_ID.test(disputeId)) return { rejected: CashfreeErrors.invalidField('dispute_id', 'should be a number') };
      if (!upload.ok) return { rejected: upload.error };
      const outcome = this.disputes.submitDocument(disputeId, upload.params);
      return { executed: outcome.ok ? ok([disputeEntity(outcome.dispute, outcome.order)]) : disputeRefusal(outcome) };
    };
  }
}
