// End-to-end tests start six processes and follow a payment through Kafka.
jest.setTimeout(240_000);
