export default async function globalTeardown(): Promise<void> {
  const container = (globalThis as Record<string, unknown>).__KAFKA_CONTAINER__ as { stop(): Promise<unknown> } | undefined;
  if (container) await container.stop();
}
