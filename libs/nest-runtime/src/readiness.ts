import { Provider } from '@nestjs/common';
import { HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { READINESS_CHECKS } from '@payments/observability';
import { KAFKA } from './messaging.module';

async function kafkaAnswers(kafka: Kafka, timeoutMs: number): Promise<number> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const describe = admin.describeCluster();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref());
    const cluster = await Promise.race([describe, timeout]);
    return cluster.brokers.length;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Readiness = PostgreSQL answers a ping and the Kafka cluster answers describeCluster. */
export const postgresAndKafkaReadiness: Provider = {
  provide: READINESS_CHECKS,
  inject: [TypeOrmHealthIndicator, HealthIndicatorService, KAFKA],
  useFactory: (db: TypeOrmHealthIndicator, indicators: HealthIndicatorService, kafka: Kafka): HealthIndicatorFunction[] => [
    () => db.pingCheck('postgres', { timeout: 2000 }),
    async () => {
      const check = indicators.check('kafka');
      try {
        return check.up({ brokers: await kafkaAnswers(kafka, 2000) });
      } catch (error) {
        return check.down({ message: (error as Error).message });
      }
    },
  ],
};
