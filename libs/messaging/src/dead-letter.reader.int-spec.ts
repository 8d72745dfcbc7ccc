import { Kafka } from 'kafkajs';
import { deadLetterTopic, encodeEnvelope } from '@payments/contracts';
import { uniqueName } from '@payments/testing';
import { deadLetterReplayGroup, listDeadLetters } from './dead-letter.reader';
import { replayDeadLetters } from './dead-letter.replayer';
import { Failure, TestTopics, paymentSucceeded, readTopic, sendToDeadLetters, testTopics } from './test-messages.fixture';
import { UnknownTopicError } from './topics.admin';

class LedgerRefusedError extends Error {
  readonly code = 'TEST.LEDGER_REFUSED';
}

const failedAt = new Date('2024-11-22T10:05:00Z');

function failureOf(envelope = paymentSucceeded(), offset = '0'): Failure {
  return { key: envelope.key, value: encodeEnvelope(envelope).toString(), error: new LedgerRefusedError(`ledger refused ${envelope.id}`), consumerGroup: 'order-ledger', failedAt, offset };
}

describe('listing dead letters', () => {
  let topics: TestTopics;
  let kafka: Kafka;
  const freshTopic = () => topics.fresh(2);

  beforeAll(() => {
    topics = testTopics('messaging_dlq_list');
    kafka = topics.kafka;
  });

  afterAll(() => topics.deleteAll());

  async function groupIds(): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return (await admin.listGroups()).groups.map((group) => group.groupId);
    } finally {
      await admin.disconnect();
    }
  }

  async function committedOffsets(groupId: string, topic: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return committed.partitions.map((partition) => partition.offset);
    } finally {
      await admin.disconnect();
    }
  }

  async function replayedById(topic: string): Promise<Record<string, boolean>> {
    const [listing] = await listDeadLetters(kafka, { topics: [topic] });
    return Object.fromEntries(listing.deadLetters.map((letter) => [letter.messageId, letter.replayed]));
  }

  it('lists each dead letter with its id, type, key, error, consumer group and failure time, and commits nothing', async () => {
    const topic = await freshTopic();
    const envelope = paymentSucceeded();
    await sendToDeadLetters(kafka, topic, [
      failureOf(envelope, '41'),
      { key: envelope.key, value: 'not json', headers: { 'message-id': 'id-from-header' }, error: new Error('value is not JSON'), consumerGroup: 'gateway', failedAt, offset: '42' },
    ]);
    const groupsBefore = new Set(await groupIds());

    const listings = await listDeadLetters(kafka, { topics: [topic] });

    const dlq = deadLetterTopic(topic);
    const where = { deadLetterTopic: dlq, partition: expect.any(Number), originalTopic: topic, originalPartition: 0, replayed: false };
    expect(listings).toEqual([{
      topic, deadLetterTopic: dlq, replayGroup: `dlq-replay.${topic}`,
      deadLetters: [
        {
          ...where, offset: '0', messageId: envelope.id, type: 'PaymentSucceeded', key: envelope.key, errorCode: 'TEST.LEDGER_REFUSED',
          error: `ledger refused ${envelope.id}`, originalOffset: '41', consumerGroup: 'order-ledger', failedAt: '2024-11-22T10:05:00.000Z', undecodable: null,
        },
        {
          ...where, offset: '1', messageId: 'id-from-header', type: null, key: envelope.key, errorCode: null,
          error: 'value is not JSON', originalOffset: '42', consumerGroup: 'gateway', failedAt: '2024-11-22T10:05:00.000Z', undecodable: 'message value is not JSON',
        },
      ],
    }]);
    expect(await committedOffsets(deadLetterReplayGroup(topic), dlq)).toEqual(['-1', '-1']);
    expect((await groupIds()).filter((groupId) => !groupsBefore.has(groupId))).toEqual([]);
  });

  it('takes the dead-letter topic name as well, and reads every dead-letter topic, empty ones included, when none is named', async () => {
    const [held, empty] = [await freshTopic(), await freshTopic()];
    await sendToDeadLetters(kafka, held, [failureOf()]);

    const [byName] = await listDeadLetters(kafka, { topics: [deadLetterTopic(held)] });
    const everything = await listDeadLetters(kafka);

    expect(byName.topic).toBe(held);
    expect(byName.deadLetters).toHaveLength(1);
    expect(everything.find((listing) => listing.topic === held)).toEqual(byName);
    expect(everything.find((listing) => listing.topic === empty)).toMatchObject({ deadLetterTopic: deadLetterTopic(empty), deadLetters: [] });
  });

  it('refuses a topic that has no dead-letter topic, naming it', async () => {
    const missing = uniqueName('messaging_no_such_topic');
    await expect(listDeadLetters(kafka, { topics: [missing] })).rejects.toThrow(new UnknownTopicError([deadLetterTopic(missing)]));
  });

  it('shows what a replay re-published as replayed, and a second replay re-publishes nothing', async () => {
    const topic = await freshTopic();
    const [first, second, later] = [paymentSucceeded(), paymentSucceeded(), paymentSucceeded()];
    const replay = () => replayDeadLetters(kafka, { topic, groupId: deadLetterReplayGroup(topic) });
    await sendToDeadLetters(kafka, topic, [failureOf(first), failureOf(second)]);

    expect(await replay()).toBe(2);
    expect(await replayedById(topic)).toEqual({ [first.id]: true, [second.id]: true });
    expect(await replay()).toBe(0);

    await sendToDeadLetters(kafka, topic, [failureOf(later)]);
    expect(await replayedById(topic)).toEqual({ [first.id]: true, [second.id]: true, [later.id]: false });
    expect(await replay()).toBe(1);
    expect(await replay()).toBe(0);
    expect(await replayedById(topic)).toEqual({ [first.id]: true, [second.id]: true, [later.id]: true });

    const republished = await readTopic(kafka, topic);
    expect(republished.map((message) => JSON.parse(message.value).id).sort()).toEqual([first.id, second.id, later.id].sort());
    expect(republished.flatMap((message) => Object.keys(message.headers).filter((name) => name.startsWith('dlq-')))).toEqual([]);
  });
});
