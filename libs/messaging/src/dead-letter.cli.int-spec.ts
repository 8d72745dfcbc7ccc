import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { deadLetterTopic, encodeEnvelope } from '@payments/contracts';
import { kafkaBrokers, uniqueName } from '@payments/testing';
import { TestTopics, paymentSucceeded, readTopic, sendToDeadLetters, testTopics } from './test-messages.fixture';

// `npm run dlq` (tools/dlq.ts) run as a process against the test broker, as an operator runs it.

const ROOT = join(__dirname, '..', '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function dlq(...args: string[]): Promise<Run> {
  const env = { ...process.env, KAFKA_BROKERS: kafkaBrokers().join(',') };
  return new Promise((resolve) => {
    execFile('node', ['-r', '@swc-node/register', 'tools/dlq.ts', ...args], { cwd: ROOT, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run dlq', () => {
  let topics: TestTopics;

  beforeAll(() => {
    topics = testTopics('messaging_dlq_cli');
  });

  afterAll(() => topics.deleteAll());

  async function topicWithDeadLetter(): Promise<{ topic: string; messageId: string; key: string }> {
    const topic = await topics.fresh();
    const envelope = paymentSucceeded();
    const error = Object.assign(new Error(`order ${envelope.key} already holds another payment`), { code: 'ORDER.ALREADY_PAID' });
    await sendToDeadLetters(topics.kafka, topic, [
      { key: envelope.key, value: encodeEnvelope(envelope).toString(), error, consumerGroup: 'order-ledger', failedAt: new Date('2024-11-22T10:05:00Z') },
    ]);
    return { topic, messageId: envelope.id, key: envelope.key };
  }

  it('lists a dead letter with its id, type, error code, consumer group, failure time and short error, as text and as JSON', async () => {
    const { topic, messageId, key } = await topicWithDeadLetter();

    const text = await dlq('list', topic);
    const json = await dlq('list', topic, '--json');

    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`${deadLetterTopic(topic)}: 1 dead letter, 1 not replayed (replay: npm run dlq -- replay ${topic})`);
    const row = text.stdout.split('\n').find((line) => line.includes(messageId)) ?? '';
    for (const cell of ['0:0', 'PaymentSucceeded', 'ORDER.ALREADY_PAID', 'order-ledger', '2024-11-22T10:05:00.000Z', ' no ', `order ${key} already holds an…`]) {
      expect(row).toContain(cell);
    }
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ topic, replayGroup: `dlq-replay.${topic}`, deadLetters: [expect.objectContaining({ messageId, errorCode: 'ORDER.ALREADY_PAID', replayed: false })] }),
    ]);
  });

  it('says there are no dead letters when the dead-letter topic is empty', async () => {
    const topic = await topics.fresh();

    expect(await dlq('list', topic)).toEqual({ code: 0, stdout: `no dead letters in ${deadLetterTopic(topic)}\n`, stderr: '' });
  });

  it('replays the dead letters once: the second replay re-publishes nothing, and list shows them replayed', async () => {
    const { topic, messageId } = await topicWithDeadLetter();

    const first = await dlq('replay', topic);
    const second = await dlq('replay', topic);
    const after = await dlq('list', topic, '--json');

    expect(first).toEqual({ code: 0, stdout: `replayed 1 dead letter from ${deadLetterTopic(topic)} to ${topic} (replay group dlq-replay.${topic})\n`, stderr: '' });
    expect(second.stdout).toBe(`replayed 0 dead letters from ${deadLetterTopic(topic)} to ${topic} (replay group dlq-replay.${topic})\n`);
    expect(JSON.parse(after.stdout)[0].deadLetters).toEqual([expect.objectContaining({ messageId, replayed: true })]);
    expect((await readTopic(topics.kafka, topic)).map((message) => JSON.parse(message.value).id)).toEqual([messageId]);
  });

  it('exits with 2 and says why for an unknown command, a replay without a topic, or a topic without dead letters', async () => {
    const missing = uniqueName('messaging_no_such_topic');
    const runs = await Promise.all([dlq('purge'), dlq('replay'), dlq('list', missing), dlq('replay', missing), dlq('list', '--verbose')]);

    expect(runs.map((run) => [run.code, run.stdout])).toEqual(runs.map(() => [2, '']));
    expect(runs.map((run) => run.stderr.split('\n')[0])).toEqual([
      'dlq: unknown command purge',
      'dlq: replay needs the topic whose dead letters to replay',
      `dlq: no such topic on the broker: ${missing}.dlq`,
      `dlq: no such topic on the broker: ${missing}, ${missing}.dlq`,
      'dlq: unknown option --verbose',
    ]);
    expect(runs[0].stderr).toContain('usage: npm run dlq -- list [topic] [--json]');
  });
});
