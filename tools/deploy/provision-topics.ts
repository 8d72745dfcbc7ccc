// Creates every topic of the system (libs/contracts) and its dead-letter topic, with the layout
// from the environment (tools/deploy/topic-layout.config.ts), and brings existing ones to it.
//   npm run topics:provision                          (KAFKA_BROKERS, default 127.0.0.1:9092)
//   TOPIC_REPLICATION_FACTOR=3 npm run topics:provision   (production)
// Safe to run again: what is already as specified is left alone.
import { ALL_TOPICS } from '@payments/contracts';
import { createKafka, provisionTopics, topicSpecs } from '@payments/messaging';
import { kafkaBrokersFrom } from '@payments/nest-runtime';
import { createLogger } from '@payments/observability';
import { topicLayoutFrom } from './topic-layout.config';

async function main(): Promise<void> {
  const logger = createLogger('topics-provision');
  const layout = topicLayoutFrom();
  const kafka = createKafka({ clientId: 'topics-provision', brokers: kafkaBrokersFrom(process.env) });
  const outcomes = await provisionTopics(kafka, topicSpecs(ALL_TOPICS, layout), layout);
  for (const { topic, action, warnings } of outcomes) {
    if (warnings.length > 0) logger.warn({ topic, action, warnings }, `${topic}: ${action}; ${warnings.join('; ')}`);
    else logger.info({ topic, action }, `${topic}: ${action}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
