import { randomUUID } from 'node:crypto';
import { CheckoutOpened, CheckoutOpenedV1, PaymentSessionClosed, PaymentSucceeded, RefundFailed, RefundRequested, RefundSucceeded, buildMessage } from '@payments/contracts';
import { HandlerContext, UnprocessableMessageError } from '@payments/messaging';
import { Logger } from '@payments/observability';
import { Sql } from '@payments/persistence';
import { decide } from './domain/order.decider';
import { OrderError } from './domain/order.errors';
import { OrderEvent } from './domain/order.events';
import { HISTORIES, NOW, placeOrder, stateOf } from './domain/order.test-fixtures';
import { OrderCommandsService } from './order-commands.service';
import { SubscriptionCommandsService } from './subscriptions/subscription-commands.service';
import { OrderLedgerHandler, commandFor, handlerFailure } from './order-ledger.handler';
import { DisputeMessagesService } from './disputes/dispute-messages.service';
import { loadOrderLedgerConfig } from './order-ledger.config';

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

  it('turns a payment session the provider closed into FailOrder, carrying the provider event for dedupe', () => {
    const closed = buildMessage(PaymentSessionClosed, {
      key: orderId, origin, occurredAt,
      payload: { orderId, provider: 'stripe', providerEventId: 'evt_c1', providerPaymentId: 'pi_1', reason: 'abandoned', closedAt: occurredAt.toISOString() },
    });
    expect(commandFor(closed)).toEqual({ orderId, command: { type: 'FailOrder', data: { reason: 'abandoned', providerEventId: 'evt_c1' } } });
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

/** A provider's payment for the fixture order, as webhook-ingest publishes it. */
const paymentSucceededMessage = () => buildMessage(PaymentSucceeded, {
  key: opened.orderId, origin, occurredAt,
  payload: { orderId: opened.orderId, provider: 'cashfree', providerEventId: 'evt_p1', providerPaymentId: 'cf_pay_1', amountMinor: opened.amountMinor, currency: opened.currency, succeededAt: occurredAt.toISOString() },
});

/** The fixture order as checkout reported it. */
const opened = placeOrder.data as CheckoutOpenedV1;

/** checkout's CheckoutOpened for the fixture order, with `overrides` in its payload. */
const checkoutOpened = (overrides: Partial<CheckoutOpenedV1> = {}) => {
  const payload = { ...opened, ...overrides };
  return buildMessage(CheckoutOpened, { key: payload.orderId, origin, occurredAt, payload });
};

/** What the handler does with the command `envelope` routes to, against an order in `status`. */
function outcomeOf(envelope: ReturnType<typeof checkoutOpened>, status: keyof typeof HISTORIES): OrderEvent[] | Error {
  const routed = commandFor(envelope);
  if (!routed) throw new Error('not routed');
  try {
    return decide(routed.command, stateOf(HISTORIES[status]()), NOW);
  } catch (error) {
    return handlerFailure(error) as Error;
  }
}

describe('CheckoutOpened for an order already placed', () => {
  const placedStatuses = (Object.keys(HISTORIES) as (keyof typeof HISTORIES)[]).filter((status) => status !== 'Initial');

  it('routes CheckoutOpened to PlaceOrder with the same data', () => {
    expect(commandFor(checkoutOpened())).toEqual({ orderId: opened.orderId, command: placeOrder });
  });

  it.each(placedStatuses)('with the same session, in status %s, is a no-op: nothing decided, nothing to retry', (status) => {
    expect(outcomeOf(checkoutOpened(), status)).toEqual([]);
  });

  it.each(placedStatuses)('with another session, in status %s, is unprocessable: dead-lettered at once as ORDER.ALREADY_PLACED', (status) => {
    const failure = outcomeOf(checkoutOpened({ providerReference: 'cf_order_other' }), status);
    expect(failure).toBeInstanceOf(UnprocessableMessageError);
    expect(failure).toMatchObject({ code: 'ORDER.ALREADY_PLACED' });
  });
});

describe('which refusals are retried', () => {
  it('retries an error that is not a refusal (a concurrent append, a lost connection)', () => {
    const unexpected = new Error('connection reset');
    expect(handlerFailure(unexpected)).toBe(unexpected);
  });

  it.each(['ORDER.NOT_FOUND', 'ORDER.ALREADY_PLACED', 'ORDER.INVALID_TRANSITION', 'ORDER.REFUND_CONFLICT'] as const)('dead-letters %s at once, keeping code and message', (code) => {
    const failure = handlerFailure(new OrderError(code, `refused: ${code}`));
    expect(failure).toBeInstanceOf(UnprocessableMessageError);
    expect(failure).toMatchObject({ code, message: `refused: ${code}` });
  });
});

describe('order ledger handler', () => {
  const ctx = { sql: {} as Sql, topic: 'checkout.events', partition: 0, offset: '7', headers: {} } satisfies HandlerContext;

  function handlerWith(execute: OrderCommandsService['execute'], rejectRefund: OrderCommandsService['rejectRefund'] = jest.fn()) {
    const logger = { info: jest.fn(), warn: jest.fn() };
    const orders = { execute, rejectRefund } as unknown as OrderCommandsService;
    const disputes = new DisputeMessagesService(orders, loadOrderLedgerConfig({}), { now: () => occurredAt }, logger as unknown as Logger);
    const handler = new OrderLedgerHandler(orders, {} as SubscriptionCommandsService, logger as unknown as Logger, disputes);
    return { handler, logger };
  }

  const refundRequested = () => buildMessage(RefundRequested, {
    key: orderId, origin, occurredAt, payload: { orderId, refundId, amountMinor: 500, requestedBy: 'admin-1', requestedAt: occurredAt.toISOString() },
  });

  it.each(['ORDER.NOT_REFUNDABLE', 'ORDER.REFUND_EXCEEDS_REMAINDER'] as const)(
    'tells the requester when the order refuses a refund (%s), instead of dead-lettering it', async (code) => {
      const refusal = new OrderError(code, 'refused');
      const rejectRefund = jest.fn(async () => undefined);
      const { handler } = handlerWith(async () => {
        throw refusal;
      }, rejectRefund);
      await expect(handler.handle(refundRequested(), ctx)).resolves.toBeUndefined();
      expect(rejectRefund).toHaveBeenCalledWith(ctx.sql, orderId, refundId, refusal, expect.objectContaining({ correlationId: 'c-1' }));
    },
  );

  it('dead-letters a refund request that contradicts an earlier one with the same refund id', async () => {
    const rejectRefund = jest.fn(async () => undefined);
    const { handler } = handlerWith(async () => {
      throw new OrderError('ORDER.REFUND_CONFLICT', 'refund was requested for another amount');
    }, rejectRefund);
    await expect(handler.handle(refundRequested(), ctx)).rejects.toMatchObject({ name: 'UnprocessableMessageError', code: 'ORDER.REFUND_CONFLICT' });
    expect(rejectRefund).not.toHaveBeenCalled();
  });

  it('logs at info, and succeeds, when the order already records the message', async () => {
    const { handler, logger } = handlerWith(async () => []);
    const envelope = checkoutOpened();
    await expect(handler.handle(envelope, ctx)).resolves.toBeUndefined();
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ orderId: opened.orderId, command: 'PlaceOrder', messageId: envelope.id }),
      'order already records this message; nothing appended',
    );
  });

  it('logs nothing when the command appended events', async () => {
    const { handler, logger } = handlerWith(async () => [{ type: 'OrderPlaced', data: { ...opened, placedAt: NOW.toISOString() } }]);
    await handler.handle(checkoutOpened(), ctx);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('throws ORDER.ALREADY_PLACED as unprocessable, so the consumer dead-letters it without retries', async () => {
    const { handler } = handlerWith(async () => {
      throw new OrderError('ORDER.ALREADY_PLACED', 'already placed with another session');
    });
    await expect(handler.handle(checkoutOpened({ providerReference: 'cf_order_other' }), ctx)).rejects.toMatchObject({
      name: 'UnprocessableMessageError', code: 'ORDER.ALREADY_PLACED',
    });
  });

  it('records a payment that overtook its order instead of refusing it', () => {
    const payment = commandFor(paymentSucceededMessage());
    if (!payment) throw new Error('not routed');
    expect(decide(payment.command, stateOf(HISTORIES.Initial()), NOW).map((event) => event.type)).toEqual(['ProviderFactReceivedEarly']);
  });
});
