import { IHeaders } from 'kafkajs';
import { Envelope } from '@payments/contracts';

/** Header names every published message carries, so tools can route and trace without decoding. */
export const MessageHeader = {
  messageId: 'message-id',
  messageType: 'message-type',
  messageVersion: 'message-version',
  correlationId: 'correlation-id',
} as const;

/** Header names added when a message is sent to its dead-letter topic. */
export const DeadLetterHeader = {
  error: 'dlq-error',
  errorCode: 'dlq-error-code',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
} as const;

const DEAD_LETTER_PREFIX = 'dlq-';
export const MAX_ERROR_LENGTH = 1000;

/** The headers of a published message; the envelope's own headers win over the caller's. */
export function outboundHeaders(envelope: Envelope, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...extra,
    [MessageHeader.messageId]: envelope.id,
    [MessageHeader.messageType]: envelope.type,
    [MessageHeader.messageVersion]: String(envelope.version),
    [MessageHeader.correlationId]: envelope.correlationId,
  };
}

export interface DeadLetterCause {
  error: unknown;
  topic: string;
  partition: number;
  offset: string;
  consumerGroup: string;
  failedAt: Date;
}

/** Why and where a message failed, as the `dlq-*` headers; `dlq-error-code` only when the error has a code. */
export function deadLetterHeaders(cause: DeadLetterCause): Record<string, string> {
  const code = errorCode(cause.error);
  return {
    [DeadLetterHeader.error]: errorMessage(cause.error).slice(0, MAX_ERROR_LENGTH),
    ...(code === undefined ? {} : { [DeadLetterHeader.errorCode]: code }),
    [DeadLetterHeader.originalTopic]: cause.topic,
    [DeadLetterHeader.originalPartition]: String(cause.partition),
    [DeadLetterHeader.originalOffset]: cause.offset,
    [DeadLetterHeader.consumerGroup]: cause.consumerGroup,
    [DeadLetterHeader.failedAt]: cause.failedAt.toISOString(),
  };
}

/** The original message's headers with the `dlq-*` ones removed, for replay. */
export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !name.startsWith(DEAD_LETTER_PREFIX)),
  );
}

/** Kafka headers as strings (UTF-8); of a repeated header the last value wins. */
export function headersToRecord(headers: IHeaders | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) record[name] = last.toString();
  }
  return record;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}
