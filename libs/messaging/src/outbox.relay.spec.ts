import { Envelope } from '@payments/contracts';
import { topicMessagesInSeqOrder } from './outbox.relay';
import { ClaimedOutboxRow } from './outbox.sql';

function row(seq: number, topic: string, key: string): ClaimedOutboxRow {
  const payload = { orderId: key } as unknown;
  const envelope = { payload, key, causationId: null, correlationId: 'c', occurredAt: '2024-11-22T10:00:00.000Z', version: 1, type: 'T', id: `id-${seq}` };
  return { id: `id-${seq}`, seq: String(seq), topic, message_key: key, payload: envelope as Envelope, headers: { 'message-id': `id-${seq}` }, attempts: 1 };
}

describe('an outbox batch sent to Kafka', () => {
  it('is grouped by topic with each group kept in seq order', () => {
    const batch = topicMessagesInSeqOrder([row(1, 'a', 'k1'), row(2, 'b', 'k1'), row(3, 'a', 'k2'), row(4, 'a', 'k1')]);
    expect(batch.map((group) => [group.topic, group.messages.map((message) => message.headers?.['message-id'])])).toEqual([
      ['a', ['id-1', 'id-3', 'id-4']],
      ['b', ['id-2']],
    ]);
  });

  it('is keyed by the envelope key and carries the envelope in its usual field order', () => {
    const [{ messages }] = topicMessagesInSeqOrder([row(1, 'a', 'k1')]);
    expect(messages[0].key).toBe('k1');
    expect(Object.keys(JSON.parse(String(messages[0].value)))).toEqual(['id', 'type', 'version', 'occurredAt', 'correlationId', 'causationId', 'key', 'payload']);
  });
});
