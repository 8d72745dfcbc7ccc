import { randomUUID } from 'node:crypto';
import { CONTRACTS, ContractViolationError, decodeEnvelope, encodeEnvelope, validateEnvelope } from './registry';
import { buildMessage } from './contract';
import { PaymentSucceeded } from './messages';

const origin = { correlationId: 'req-1' };
const payment = {
  orderId: randomUUID(),
  provider: 'stripe' as const,
  providerEventId: 'evt_1',
  providerPaymentId: 'pi_1',
  amountMinor: 49900,
  currency: 'INR',
  succeededAt: '2026-11-22T10:00:00.000Z',
};

describe('message contracts', () => {
  it('register every message type once, under Type@version', () => {
    expect(CONTRACTS.get('PaymentSucceeded@1')).toBe(PaymentSucceeded);
    expect([...CONTRACTS.keys()]).toEqual(expect.arrayContaining(['CheckoutRequested@1', 'OrderPaid@1', 'EntitlementGranted@1']));
  });

  it('accept a well-formed envelope and round-trip it through Kafka bytes', () => {
    const envelope = buildMessage(PaymentSucceeded, { key: payment.orderId, payload: payment, origin, occurredAt: new Date() });
    expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('carry the correlation id and the cause into the envelope', () => {
    const envelope = buildMessage(PaymentSucceeded, { key: 'k', payload: payment, origin: { correlationId: 'c', causationId: 'm' }, occurredAt: new Date(0) });
    expect(envelope).toMatchObject({ correlationId: 'c', causationId: 'm', occurredAt: '1970-01-01T00:00:00.000Z', type: 'PaymentSucceeded', version: 1 });
  });

  it.each([
    ['a fractional amount', { amountMinor: 499.5 }],
    ['a negative amount', { amountMinor: -1 }],
    ['a lower-case currency', { currency: 'inr' }],
    ['an unknown provider', { provider: 'paypal' }],
    ['an order id that is not a uuid', { orderId: 'order-1' }],
    ['an unexpected property', { amount: 499 }],
  ])('reject a payload with %s', (_, change) => {
    const envelope = buildMessage(PaymentSucceeded, { key: 'k', payload: { ...payment, ...change } as typeof payment, origin, occurredAt: new Date() });
    expect(() => validateEnvelope(envelope)).toThrow(ContractViolationError);
  });

  it('reject an unknown type or version', () => {
    const envelope = buildMessage(PaymentSucceeded, { key: 'k', payload: payment, origin, occurredAt: new Date() });
    expect(() => validateEnvelope({ ...envelope, version: 2 })).toThrow(/unknown message type PaymentSucceeded@2/);
    expect(() => validateEnvelope({ ...envelope, type: 'PaymentTeleported' })).toThrow(/unknown message type/);
  });

  it('reject an envelope missing its correlation id', () => {
    const { correlationId: _, ...withoutCorrelation } = buildMessage(PaymentSucceeded, { key: 'k', payload: payment, origin, occurredAt: new Date() });
    expect(() => validateEnvelope(withoutCorrelation)).toThrow(/envelope does not match/);
  });

  it('reject bytes that are not JSON, and an empty message', () => {
    expect(() => decodeEnvelope(Buffer.from('not json'))).toThrow(new ContractViolationError('message value is not JSON'));
    expect(() => decodeEnvelope(null)).toThrow(/no value/);
  });

  it('give the violation a stable code for the dead-letter headers', () => {
    expect(new ContractViolationError('x').code).toBe('CONTRACT.VIOLATION');
  });
});
