import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Integration and end-to-end tests need a real Kafka broker and PostgreSQL.
 * Kafka: KAFKA_BROKERS if set (scripts/test.sh starts the local broker and sets it); otherwise a
 * testcontainers broker when a Docker engine answers. PostgreSQL: DATABASE_URL, else 127.0.0.1:5432.
 */
function dockerEngineAnswers(): boolean {
  if (!existsSync('/var/run/docker.sock') && !process.env.DOCKER_HOST) return false;
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  if (dockerEngineAnswers()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('apache/kafka:4.1.0').withKraft().start();
    process.env.KAFKA_BROKERS = `${container.getHost()}:${container.getMappedPort(9093)}`;
    (globalThis as Record<string, unknown>).__KAFKA_CONTAINER__ = container;
    return;
  }
  throw new Error(
    'No Kafka broker: set KAFKA_BROKERS, run the tests with `npm test` (it starts a local broker), or start one with `npm run kafka:start`.',
  );
}
