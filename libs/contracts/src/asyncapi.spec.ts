import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CONTRACTS } from './registry';
import { Topics } from './topics';

interface DocumentedMessage { name: string; payload?: unknown }
interface Channel { subscribe?: { message: DocumentedMessage | { oneOf: DocumentedMessage[] } } }

const document = parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8')) as { channels: Record<string, Channel> };
const messagesOf = (channel: Channel | undefined): DocumentedMessage[] => {
  const message = channel?.subscribe?.message;
  if (!message) return [];
  return 'oneOf' in message ? message.oneOf : [message];
};
const documented = Object.entries(document.channels).flatMap(([topic, channel]) => messagesOf(channel).map((message) => ({ topic, ...message })));

/** Topics whose payloads the document spells out for other teams. */
const SPELLED_OUT: readonly string[] = [Topics.entitlementGranted, Topics.entitlementChanged, Topics.entitlementRevoked, Topics.subscriptionsEvents];

describe('docs/asyncapi.yaml', () => {
  it('spells out the payload of every message on the LMS topics and subscriptions.events', () => {
    for (const contract of CONTRACTS.values()) {
      if (!SPELLED_OUT.includes(contract.topic)) continue;
      expect(documented.find((message) => message.topic === contract.topic && message.name === contract.type)?.payload).toBeDefined();
    }
  });

  it('gives each payload it spells out exactly the JSON Schema of the contract, on the contract\'s topic', () => {
    const withPayload = documented.filter((message) => message.payload !== undefined);
    expect(withPayload.length).toBeGreaterThan(0);
    for (const message of withPayload) {
      const contract = CONTRACTS.get(`${message.name}@1`);
      expect({ name: message.name, topic: contract?.topic, payload: contract?.schema }).toEqual({ name: message.name, topic: message.topic, payload: message.payload });
    }
  });
});
