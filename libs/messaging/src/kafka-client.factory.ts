import { Kafka, LogEntry, Partitioners, Producer, logLevel } from 'kafkajs';

// kafkajs warns at every idempotent producer whose retries are bounded. They are bounded on purpose:
// a send that fails must surface (the relay releases its claim, a consumer leaves the offset uncommitted).
const EXPECTED_WARNINGS = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

function consoleLogCreator() {
  return ({ namespace, level, label, log }: LogEntry) => {
    if (EXPECTED_WARNINGS.has(log.message)) return;
    const line = JSON.stringify({ level: label, logger: 'kafkajs', namespace, ...log });
    if (level <= logLevel.ERROR) console.error(line);
    else console.warn(line);
  };
}

/** One Kafka client per service: quiet below WARN, retrying transient broker errors for ~40 s. */
export function createKafka(opts: { clientId: string; brokers: string[] }): Kafka {
  return new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator: consoleLogCreator,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 },
  });
}

/**
 * The producer the outbox relay, the dead-letter path and the replay use: idempotent, one request in
 * flight, so a batch lands in order per partition (see kafkajs#1005 for why not more in flight).
 * Every send must pass `acks: -1`, which kafkajs requires of an idempotent producer.
 */
export function createOrderedProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}
