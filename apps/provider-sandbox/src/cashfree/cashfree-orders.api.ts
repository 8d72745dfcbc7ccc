import type { SandboxRuntime } from '../domain/sandbox-runtime';
import { CashfreeApiResponse, CashfreeErrors } from './cashfree-api.errors';
import type { CashfreeOperation } from './cashfree-api.gateway';
import { orderEntity, paymentEntity, refundEntity } from './cashfree-entity.views';
import { parseCreateOrder, parseCreateRefund, parseTerminateOrder } from './cashfree-order.params';
import { CashfreeOrders, RefundOutcome } from './cashfree-orders.service';

const ok = (body: unknown): CashfreeApiResponse => ({ status: 200, body });

/** A refused refund as Cashfree words it. */
export function refundRefusal(outcome: Extract<RefundOutcome, { ok: false }>): CashfreeApiResponse {
  switch (outcome.reason) {
    case 'not_found':
      return CashfreeErrors.orderNotFound();
    case 'order_not_paid':
      return CashfreeErrors.orderNotRefundable(outcome.order?.status ?? 'unknown');
    case 'refund_exists':
      return CashfreeErrors.refundAlreadyExists();
    case 'exceeds_remainder':
      return CashfreeErrors.refundExceedsRemainder();
    case 'refund_not_found':
      return CashfreeErrors.refundNotFound();
    case 'refund_not_pending':
      return CashfreeErrors.invalidField('refund_status', 'the refund is already processed');
  }
}

/** The `/pg/orders` operations, run inside `CashfreeApiGateway.handle`. */
export class CashfreeOrdersApi {
  constructor(
    private readonly orders: CashfreeOrders,
    private readonly runtime: SandboxRuntime,
  ) {}

  create(body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseCreateOrder(body, this.runtime.now());
      if (!parsed.ok) return { rejected: parsed.error };
      const created = this.orders.create(parsed.params);
      return { executed: created.ok ? ok(orderEntity(created.order)) : CashfreeErrors.orderAlreadyExists() };
    };
  }

  get(orderId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      return { executed: order ? ok(orderEntity(order)) : CashfreeErrors.orderNotFound() };
    };
  }

  terminate(orderId: string, body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseTerminateOrder(body);
      if (!parsed.ok) return { rejected: parsed.error };
      const outcome = this.orders.terminate(orderId);
      if (outcome.ok) return { executed: ok(orderEntity(outcome.order)) };
      return { executed: outcome.reason === 'not_found' ? CashfreeErrors.orderNotFound() : CashfreeErrors.orderNotPayable(outcome.order.status) };
    };
  }

  payments(orderId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      return { executed: order ? ok(order.attempts.map((attempt) => paymentEntity(order, attempt))) : CashfreeErrors.orderNotFound() };
    };
  }

  payment(orderId: string, cfPaymentId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      const attempt = order?.attempts.find((candidate) => candidate.cfPaymentId === cfPaymentId);
      if (!order) return { executed: CashfreeErrors.orderNotFound() };
      return { executed: attempt ? ok(paymentEntity(order, attempt)) : CashfreeErrors.paymentNotFound() };
    };
  }

  createRefund(orderId: string, body: unknown): CashfreeOperation {
    return () => {
      const parsed = parseCreateRefund(body);
      if (!parsed.ok) return { rejected: parsed.error };
      const outcome = this.orders.createRefund(orderId, parsed.params);
      return { executed: outcome.ok ? ok(refundEntity(outcome.order, outcome.refund)) : refundRefusal(outcome) };
    };
  }

  refunds(orderId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      return { executed: order ? ok(order.refunds.map((refund) => refundEntity(order, refund))) : CashfreeErrors.orderNotFound() };
    };
  }

  refund(orderId: string, refundId: string): CashfreeOperation {
    return () => {
      const order = this.orders.find(orderId);
      const refund = order?.refunds.find((candidate) => candidate.refundId === refundId);
      if (!order) return { executed: CashfreeErrors.orderNotFound() };
      return { executed: refund ? ok(refundEntity(order, refund)) : CashfreeErrors.refundNotFound() };
    };
  }
}
