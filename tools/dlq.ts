// Dead-letter topics for operators (docs/operations.md):
//   npm run dlq -- list [topic] [--json]   what sits in every <topic>.dlq (or one), and whether it was replayed
//   npm run dlq -- replay <topic> [--json] re-publishes the dead letters of <topic>.dlq not yet replayed
// Brokers from KAFKA_BROKERS (default 127.0.0.1:9092). Exit codes: 0 done, 1 failed, 2 wrong usage or unknown topic.
import { Kafka } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';
import {
  UnknownTopicError,
  assertTopicsExist,
  createKafka,
  deadLetterReplayGroup,
  listDeadLetters,
  originalTopicOf,
  replayDeadLetters,
} from '@payments/messaging';
import { kafkaBrokersFrom } from '@payments/nest-runtime';
import { count, deadLetterReport } from './dlq/dead-letter.table';

const USAGE = `usage: npm run dlq -- list [topic] [--json]
       npm run dlq -- replay <topic> [--json]`;

/** The command line is wrong; exit code 2. */
class UsageError extends Error {
  readonly code = 'DLQ.USAGE';
}

type Invocation = { command: 'list'; topic?: string; json: boolean } | { command: 'replay'; topic: string; json: boolean };

function parse(args: readonly string[]): Invocation {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const [command, topic, ...extra] = args.filter((arg) => !arg.startsWith('-'));
  const unknownFlag = flags.find((flag) => flag !== '--json');
  if (unknownFlag !== undefined) throw new UsageError(`unknown option ${unknownFlag}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const json = flags.includes('--json');
  if (command === 'list') return { command, topic, json };
  if (command !== 'replay') throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
  if (topic === undefined) throw new UsageError('replay needs the topic whose dead letters to replay');
  return { command, topic, json };
}

async function list(kafka: Kafka, topic: string | undefined, json: boolean): Promise<string> {
  const listings = await listDeadLetters(kafka, topic === undefined ? {} : { topics: [topic] });
  return json ? JSON.stringify(listings, null, 2) : deadLetterReport(listings);
}

async function replay(kafka: Kafka, name: string, json: boolean): Promise<string> {
  const topic = originalTopicOf(name);
  const dlq = deadLetterTopic(topic);
  await assertTopicsExist(kafka, [topic, dlq]);
  const groupId = deadLetterReplayGroup(topic);
  const replayed = await replayDeadLetters(kafka, { topic, groupId });
  if (json) return JSON.stringify({ topic, deadLetterTopic: dlq, replayGroup: groupId, replayed });
  return `replayed ${count(replayed)} from ${dlq} to ${topic} (replay group ${groupId})`;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let invocation: Invocation;
  try {
    invocation = parse(args);
  } catch (error) {
    console.error(`dlq: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const kafka = createKafka({ clientId: 'dlq-cli', brokers: kafkaBrokersFrom(process.env) });
  try {
    const { command, topic, json } = invocation;
    console.log(command === 'list' ? await list(kafka, topic, json) : await replay(kafka, topic, json));
    return 0;
  } catch (error) {
    console.error(`dlq: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UnknownTopicError ? 2 : 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
