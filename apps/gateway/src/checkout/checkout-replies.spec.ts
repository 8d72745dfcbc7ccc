import { KafkaJSConnectionError, Kafka, Message } from 'kafkajs';
import { CheckoutReplied, buildMessage, decodeEnvelope, encodeEnvelope } from '@payments/contracts';
import { createLogger } from '@payments/observability';
import { GatewayConfig } from '../gateway.config';
import { CheckoutCommandsClient } from './checkout-commands.client';
import { CheckoutRequester } from './checkout-replies';

type Send = (record: { messages: Message[] }) => Promise<unknown>;

/** A stand-in for a broker we cannot make refuse or stall on demand. */
function brokerThat(send: Send) {
  let deliver: (payload: { message: { value: Buffer } }) => Promise<void> = async () => undefined;
  const consumer = {
    events: { GROUP_JOIN: 'group.join' },
    connect: async () => undefined,
    subscribe: async () => undefined,
    on: (_event: string, listener: () => void) => listener(),
    run: async ({ eachMessage }: { eachMessage: typeof deliver }) => { deliver = eachMessage; },
    disconnect: async () => undefined,
  };
  const producer = { connect: async () => undefined, send, disconnect: async () => undefined };
  return { kafka: { producer: () => producer, consumer: () => consumer } as unknown as Kafka, deliver: (value: Buffer) => deliver({ message: { value } }) };
}

async function requesterOn(broker: ReturnType<typeof brokerThat>, checkoutReplyTimeoutMs = 200) {
  const config = { checkoutReplyTimeoutMs } as GatewayConfig;
  const logger = createLogger('test', 'silent');
  const requester = new CheckoutRequester(new CheckoutCommandsClient({ kafka: broker.kafka, logger }), config, { now: () => new Date() }, logger);
  await requester.onApplicationBootstrap();
  return requester;
}

const request = { userId: 'user-1', idempotencyKey: 'key-1', requestHash: 'a'.repeat(64), productId: 'course-typescript-101', quantity: 1 };

function replyTo(sent: Message, replyToInstance: string, body = '{"orderId":"o"}'): Buffer {
  const asked = decodeEnvelope(sent.value as Buffer);
  return encodeEnvelope(buildMessage(CheckoutReplied, {
    key: 'user-1', origin: { correlationId: asked.correlationId }, occurredAt: new Date(),
    payload: { requestId: asked.id, replyTo: replyToInstance, statusCode: 201, body },
  }));
}

describe('request-reply with checkout', () => {
  it("answers with checkout's reply to this instance, and sends the request id as the correlation id", async () => {
    let taken: (message: Message) => void = () => undefined;
    const sent = new Promise<Message>((resolve) => (taken = resolve));
    const broker = brokerThat(async ({ messages }) => taken(messages[0]));
    const requester = await requesterOn(broker, 5000);
    const answer = requester.request(request, 'req-1');
    const message = await sent;
    await broker.deliver(replyTo(message, 'another-instance', '{"not":"ours"}'));
    await broker.deliver(replyTo(message, requester.instanceId));
    await expect(answer).resolves.toEqual({ statusCode: 201, body: '{"orderId":"o"}' });
    expect(message.headers).toMatchObject({ 'correlation-id': 'req-1' });
  });

  it("answers a reply that arrives before Kafka's acknowledgement of the request", async () => {
    let deliverEarly: (message: Message) => Promise<void> = async () => undefined;
    const broker = brokerThat(async ({ messages }) => deliverEarly(messages[0]));
    const requester = await requesterOn(broker, 5000);
    deliverEarly = (message) => broker.deliver(replyTo(message, requester.instanceId));
    await expect(requester.request(request, 'req-early')).resolves.toEqual({ statusCode: 201, body: '{"orderId":"o"}' });
  });

  it('is 503 SERVICE.UNAVAILABLE when Kafka refuses the request', async () => {
    const requester = await requesterOn(brokerThat(async () => { throw new KafkaJSConnectionError('Connection error: ECONNREFUSED'); }));
    await expect(requester.request(request, 'req-2')).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
  });

  it('is 503 SERVICE.UNAVAILABLE, not a hang, when Kafka does not take the request before the deadline', async () => {
    const requester = await requesterOn(brokerThat(() => new Promise(() => undefined)));
    await expect(requester.request(request, 'req-3')).rejects.toMatchObject({ code: 'SERVICE.UNAVAILABLE' });
  });

  it('is 504 CHECKOUT.TIMEOUT when checkout does not answer before the deadline', async () => {
    const requester = await requesterOn(brokerThat(async () => undefined));
    await expect(requester.request(request, 'req-4')).rejects.toMatchObject({ code: 'CHECKOUT.TIMEOUT' });
  });
});
