import { ContractViolationError, Envelope } from '@payments/contracts';
import {
  deadLetterHeaders,
  headersToRecord,
  MAX_ERROR_LENGTH,
  outboundHeaders,
  withoutDeadLetterHeaders,
} from './message-headers.mapper';

const envelope: Envelope = {
  id: '0b8f1d1e-3c55-4a47-9a51-0e7a6f1c2b10',
  type: 'OrderPlaced',
  version: 1,
  occurredAt: '2024-11-22T10:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  key: 'order-1',
  payload: {},
};

const where = { topic: 'orders.events', partition: 3, offset: '41', consumerGroup: 'entitlements', failedAt: new Date('2024-11-22T10:05:00Z') };

describe('outbound headers', () => {
  it('carry the message id, type, version and correlation id beside the extra headers', () => {
    expect(outboundHeaders(envelope, { tenant: 'acme' })).toEqual({
      tenant: 'acme',
      'message-id': envelope.id,
      'message-type': 'OrderPlaced',
      'message-version': '1',
      'correlation-id': 'corr-1',
    });
  });

  it('cannot be overridden by an extra header of the same name', () => {
    expect(outboundHeaders(envelope, { 'message-id': 'forged' })['message-id']).toBe(envelope.id);
  });
});

describe('dead-letter headers', () => {
  it('say where the message failed, when, and why, with the error code', () => {
    const headers = deadLetterHeaders({ ...where, error: new ContractViolationError('message has no value') });
    expect(headers).toEqual({
      'dlq-error': 'message has no value',
      'dlq-error-code': 'CONTRACT.VIOLATION',
      'dlq-original-topic': 'orders.events',
      'dlq-original-partition': '3',
      'dlq-original-offset': '41',
      'dlq-consumer-group': 'entitlements',
      'dlq-failed-at': '2024-11-22T10:05:00.000Z',
    });
  });

  it('leave out the error code when the error has none', () => {
    expect(deadLetterHeaders({ ...where, error: new Error('boom') })).not.toHaveProperty('dlq-error-code');
  });

  it('truncate a long error message to 1000 characters', () => {
    const headers = deadLetterHeaders({ ...where, error: new Error('x'.repeat(5_000)) });
    expect(headers['dlq-error']).toHaveLength(MAX_ERROR_LENGTH);
  });

  it('describe a thrown non-error by its string form', () => {
    expect(deadLetterHeaders({ ...where, error: 'plain string' })['dlq-error']).toBe('plain string');
  });

  it('are removed for a replay while the original headers stay', () => {
    const original = { 'message-id': Buffer.from(envelope.id), 'dlq-error': Buffer.from('boom') };
    expect(withoutDeadLetterHeaders(original)).toEqual({ 'message-id': original['message-id'] });
  });
});

describe('received headers', () => {
  it('are read as UTF-8 strings, the last value of a repeated header winning', () => {
    expect(headersToRecord({ a: Buffer.from('é'), b: [Buffer.from('1'), Buffer.from('2')], c: undefined })).toEqual({ a: 'é', b: '2' });
    expect(headersToRecord(undefined)).toEqual({});
  });
});
