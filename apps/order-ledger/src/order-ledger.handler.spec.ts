import { randomUUID } from 'node:crypto';
import { RefundFailed, RefundRequested, RefundSucceeded, buildMessage } from '@payments/contracts';
import { commandFor } from './order-ledger.handler';

const orderId = randomUUID();
const refundId = randomUUID();
const origin = { correlationId: 'c-1' };
const occurredAt = new Date('2026-11-23T10:00:00.000Z');

describe('messages to order commands', () => {
  it('turns an admin refund request into RequestRefund, with no amount meaning the whole remainder', () => {
    const requested = (amountMinor?: number) => buildMessage(RefundRequested, {
      key: orderId, origin, occurredAt,
      payload: { orderId, refundId, requestedBy: 'admin-1', requestedAt: occurredAt.toISOString(), ...(amountMinor ? { amountMinor } : {}) },
    });
    expect(commandFor(requested(500))).toEqual({ orderId, command: { type: 'RequestRefund', data: { refundId, amountMinor: 500 } } });
    expect(commandFor(requested())).toEqual({ orderId, command: { type: 'RequestRefund', data: { refundId } } });
  });

  it('turns refund outcomes, from checkout or from a webhook, into the refund outcome commands', () => {
    const succeeded = buildMessage(RefundSucceeded, {
      key: orderId, origin, occurredAt,
      payload: { orderId, refundId, provider: 'stripe', providerEventId: 'evt_1', providerRefundId: 're_1', amountMinor: 500, currency: 'USD', succeededAt: occurredAt.toISOString() },
    });
    const failed = buildMessage(RefundFailed, {
      key: orderId, origin, occurredAt,
      payload: { orderId, refundId, provider: 'stripe', providerEventId: 'evt_2', reason: 'expired_or_canceled_card', failedAt: occurredAt.toISOString() },
    });
    expect(commandFor(succeeded)).toEqual({ orderId, command: { type: 'RecordRefundSucceeded', data: { refundId, amountMinor: 500 } } });
    expect(commandFor(failed)).toEqual({ orderId, command: { type: 'RecordRefundFailed', data: { refundId, reason: 'expired_or_canceled_card' } } });
  });
});
