import { KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@payments/contracts';
import { deadLetterHeaders } from './message-headers.mapper';

export interface FailedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumerGroup: string;
  error: unknown;
  failedAt: Date;
}

/** Sends the original key, value and headers to `<topic>.dlq`, with the `dlq-*` headers saying why; awaits the ack. */
export async function publishDeadLetter(producer: Producer, failed: FailedMessage): Promise<void> {
  const { topic, partition, message } = failed;
  await producer.send({
    topic: deadLetterTopic(topic),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          ...deadLetterHeaders({
            error: failed.error,
            topic,
            partition,
            offset: message.offset,
            consumerGroup: failed.consumerGroup,
            failedAt: failed.failedAt,
          }),
        },
      },
    ],
  });
}
