// Waits until a Kafka broker answers describeCluster, polling with a deadline.
// usage: node scripts/kafka-wait.js <host:port> <timeoutSeconds>
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const [broker = '127.0.0.1:9092', timeoutSeconds = '60'] = process.argv.slice(2);
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const kafka = new Kafka({ clientId: 'kafka-wait', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      await admin.disconnect();
      if (cluster.brokers.length > 0) return 0;
    } catch {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return 1;
}

main().then((code) => process.exit(code));
