import { IHeaders, KafkaMessage } from 'kafkajs';
import { encodeEnvelope } from '@payments/contracts';
import { toDeadLetter } from './dead-letter.mapper';
import { deadLetterHeaders } from './message-headers.mapper';
import { paymentSucceeded } from './test-messages.fixture';

class LedgerRefusedError extends Error {
  readonly code = 'TEST.LEDGER_REFUSED';
}

const failedAt = new Date('2024-11-22T10:05:00Z');
const why = deadLetterHeaders({
  error: new LedgerRefusedError('ledger refused it'), topic: 'orders.events', partition: 2, offset: '41', consumerGroup: 'entitlements', failedAt,
});

function dead(value: Buffer | string | null, headers: IHeaders, offset = '7'): KafkaMessage {
  return { key: Buffer.from('order-1'), value: typeof value === 'string' ? Buffer.from(value) : value, headers, offset, timestamp: '0', attributes: 0 };
}

const at = (message: KafkaMessage, replayedBelow = -1n) => toDeadLetter({ deadLetterTopic: 'orders.events.dlq', partition: 1, message, replayedBelow });

describe('a dead letter as an operator sees it', () => {
  it('shows the envelope id and type, the key, and where, when, why and by whom it failed', () => {
    const envelope = paymentSucceeded();
    expect(at(dead(encodeEnvelope(envelope), why))).toEqual({
      deadLetterTopic: 'orders.events.dlq', partition: 1, offset: '7',
      messageId: envelope.id, type: 'PaymentSucceeded', key: 'order-1',
      errorCode: 'TEST.LEDGER_REFUSED', error: 'ledger refused it',
      originalTopic: 'orders.events', originalPartition: 2, originalOffset: '41', consumerGroup: 'entitlements',
      failedAt: '2024-11-22T10:05:00.000Z', replayed: false, undecodable: null,
    });
  });

  it('takes id and type from the JSON of a value that breaks its contract, and says why it is not an envelope', () => {
    const broken = { ...paymentSucceeded(), payload: { orderId: 'not-a-uuid' } };
    const letter = at(dead(JSON.stringify(broken), why));
    expect(letter).toMatchObject({ messageId: broken.id, type: 'PaymentSucceeded' });
    expect(letter.undecodable).toMatch(/^payload of PaymentSucceeded@1 does not match its schema/);
  });

  it('falls back to the message headers for a value that is not JSON, and to nulls without them', () => {
    expect(at(dead('not json', { ...why, 'message-id': 'id-from-header', 'message-type': 'OrderPaid' }))).toMatchObject({
      messageId: 'id-from-header', type: 'OrderPaid', undecodable: 'message value is not JSON',
    });
    expect(at({ ...dead(null, {}), key: null })).toMatchObject({
      messageId: null, type: null, key: null, errorCode: null, error: null, originalPartition: null, consumerGroup: null, failedAt: null,
      undecodable: 'message has no value',
    });
  });

  it('counts as replayed only below the replay group committed offset', () => {
    const message = dead('not json', why, '7');
    expect([at(message, -1n), at(message, 7n), at(message, 8n)].map((letter) => letter.replayed)).toEqual([false, false, true]);
  });
});
