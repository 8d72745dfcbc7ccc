import { Admin, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { fetchTopicOffsets, isRetriableBrokerError } from './topic-offsets';

const notLeader = () => new KafkaJSProtocolError({ type: 'NOT_LEADER_FOR_PARTITION', code: 6, retriable: true, message: 'This server is not the leader for that topic-partition' } as never);
const offsets = [{ partition: 0, offset: '3', high: '3', low: '0' }];
const quick = { attempts: 3, initialBackoffMs: 1, maxBackoffMs: 2 };

function adminAnswering(...answers: Array<Error | typeof offsets>): { admin: Admin; calls: () => number } {
  let calls = 0;
  const admin = {
    fetchTopicOffsets: async () => {
      const answer = answers[Math.min(calls, answers.length - 1)];
      calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as Admin;
  return { admin, calls: () => calls };
}

describe('fetchTopicOffsets', () => {
  it('asks again while the partition answers "not the leader", and returns the offsets once it has one', async () => {
    const { admin, calls } = adminAnswering(notLeader(), notLeader(), offsets);
    await expect(fetchTopicOffsets(admin, 'orders.events', quick)).resolves.toEqual(offsets);
    expect(calls()).toBe(3);
  });

  it('gives up after the policy\'s attempts with the broker\'s own error', async () => {
    const { admin, calls } = adminAnswering(notLeader());
    await expect(fetchTopicOffsets(admin, 'orders.events', quick)).rejects.toThrow('not the leader');
    expect(calls()).toBe(3);
  });

  it('does not ask again after an error kafkajs already retried or marks final', async () => {
    const { admin, calls } = adminAnswering(new KafkaJSNumberOfRetriesExceeded(new Error('unknown topic'), { retryCount: 5, retryTime: 100 }));
    await expect(fetchTopicOffsets(admin, 'orders.events', quick)).rejects.toThrow('unknown topic');
    expect(calls()).toBe(1);
  });

  it('counts only errors carrying retriable: true as retriable', () => {
    expect(isRetriableBrokerError(notLeader())).toBe(true);
    expect(isRetriableBrokerError(new Error('plain'))).toBe(false);
    expect(isRetriableBrokerError(undefined)).toBe(false);
  });
});
