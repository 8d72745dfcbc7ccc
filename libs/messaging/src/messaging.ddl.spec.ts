import { messagingDdl } from './messaging.ddl';
import { topicsWithDeadLetters } from './topics.admin';

describe('messaging DDL', () => {
  it('creates the outbox and the inbox in the given schema', () => {
    const ddl = messagingDdl('entitlements').join('\n');
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS entitlements.outbox');
    expect(ddl).toContain('CREATE TABLE IF NOT EXISTS entitlements.inbox');
    expect(ddl).toContain('PRIMARY KEY (consumer_group, message_id)');
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => messagingDdl('x; DROP TABLE y')).toThrow('invalid schema name');
  });
});

describe('topics to create', () => {
  it('are each topic with its dead-letter topic, once, and no dead-letter topic of a dead-letter topic', () => {
    expect(topicsWithDeadLetters(['a', 'b', 'a', 'b.dlq'])).toEqual(['a', 'a.dlq', 'b', 'b.dlq']);
  });
});
