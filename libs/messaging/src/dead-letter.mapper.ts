import { KafkaMessage } from 'kafkajs';
import { decodeEnvelope } from '@payments/contracts';
import { DeadLetterHeader, MessageHeader, headersToRecord } from './message-headers.mapper';

/** One message in a `<topic>.dlq`, as an operator needs to see it. */
export interface DeadLetter {
  readonly deadLetterTopic: string;
  readonly partition: number;
  readonly offset: string;
  /** The envelope's `id` (the id consumers dedupe by); null when neither the value nor the headers carry one. */
  readonly messageId: string | null;
  readonly type: string | null;
  readonly key: string | null;
  /** `dlq-error-code`: the error's code, null when the error had none. */
  readonly errorCode: string | null;
  /** `dlq-error`: the error message, at most 1000 characters. */
  readonly error: string | null;
  readonly originalTopic: string | null;
  readonly originalPartition: number | null;
  readonly originalOffset: string | null;
  /** The consumer group that gave up on the message. */
  readonly consumerGroup: string | null;
  /** ISO-8601 time it was dead-lettered. */
  readonly failedAt: string | null;
  /** Whether the replay group has already re-published it to its topic. */
  readonly replayed: boolean;
  /** Why the value is not a valid envelope (id and type then come from its JSON or headers); null when it is one. */
  readonly undecodable: string | null;
}

export interface DeadLetterPosition {
  deadLetterTopic: string;
  partition: number;
  message: KafkaMessage;
  /** The replay group's committed offset on this partition; -1n when it has none. */
  replayedBelow: bigint;
}

/** Reads a dead letter's value and `dlq-*` headers; a value that is not an envelope is described, not thrown. */
export function toDeadLetter({ deadLetterTopic, partition, message, replayedBelow }: DeadLetterPosition): DeadLetter {
  const headers = headersToRecord(message.headers);
  const identity = identify(message.value, headers);
  const header = (name: string): string | null => headers[name] ?? null;
  const originalPartition = header(DeadLetterHeader.originalPartition);
  return {
    deadLetterTopic,
    partition,
    offset: message.offset,
    messageId: identity.messageId,
    type: identity.type,
    key: message.key === null ? null : message.key.toString('utf8'),
    errorCode: header(DeadLetterHeader.errorCode),
    error: header(DeadLetterHeader.error),
    originalTopic: header(DeadLetterHeader.originalTopic),
    originalPartition: originalPartition === null || Number.isNaN(Number(originalPartition)) ? null : Number(originalPartition),
    originalOffset: header(DeadLetterHeader.originalOffset),
    consumerGroup: header(DeadLetterHeader.consumerGroup),
    failedAt: header(DeadLetterHeader.failedAt),
    replayed: replayedBelow >= 0n && BigInt(message.offset) < replayedBelow,
    undecodable: identity.undecodable,
  };
}

interface Identity {
  messageId: string | null;
  type: string | null;
  undecodable: string | null;
}

function identify(value: Buffer | null, headers: Record<string, string>): Identity {
  try {
    const envelope = decodeEnvelope(value);
    return { messageId: envelope.id, type: envelope.type, undecodable: null };
  } catch (error) {
    const loose = looselyParsed(value);
    return {
      messageId: stringField(loose, 'id') ?? headers[MessageHeader.messageId] ?? null,
      type: stringField(loose, 'type') ?? headers[MessageHeader.messageType] ?? null,
      undecodable: error instanceof Error ? error.message : String(error),
    };
  }
}

function looselyParsed(value: Buffer | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' ? field : undefined;
}
