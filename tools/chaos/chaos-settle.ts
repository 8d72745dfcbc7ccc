import { Admin, AssignerProtocol } from 'kafkajs';
import type { Client } from 'pg';
import { SERVICE_CONSUMER_GROUPS, consumerLag } from '@payments/testing';
import { callJson, sleep } from './chaos-http';

/** How far from settled the system is: consumer lag, unpublished outbox rows, parked messages, webhooks still on their way. */
export interface SettleState {
  /** Messages each consumer group has yet to read, by group; only groups with some. */
  readonly lagByGroup: Readonly<Record<string, number>>;
  readonly unpublishedOutboxRows: number;
  readonly parkedMessages: number;
  /** Sandbox webhooks not yet delivered (held, waiting for a retry, or in flight). */
  readonly pendingWebhooks: number;
  /** Events an event-store projection (order-ledger's order summaries) has not applied yet. */
  readonly eventsNotProjected?: number;
}

export const isSettled = (state: SettleState) =>
  Object.keys(state.lagByGroup).length === 0 && state.unpublishedOutboxRows === 0 && state.parkedMessages === 0 && state.pendingWebhooks === 0
  && (state.eventsNotProjected ?? 0) === 0;

/** A gateway's reply group: one per process, read from its latest offset, so what it has not read is nobody's loss. */
const isPerProcessReplyGroup = (groupId: string) => /-replies-/.test(groupId);

/** Topics a group reads: those its members subscribe to, and those it has committed offsets on. */
async function topicsOfGroup(admin: Admin, groupId: string, memberMetadata: Buffer[], topics: string[]): Promise<string[]> {
  const subscribed = new Set(memberMetadata.flatMap((metadata) => AssignerProtocol.MemberMetadata.decode(metadata)?.topics ?? []));
  const committed = await admin.fetchOffsets({ groupId, topics });
  return committed.filter(({ topic, partitions }) => subscribed.has(topic) || partitions.some(({ offset }) => BigInt(offset) >= 0n)).map(({ topic }) => topic);
}

/** The services' groups, and every other group on the broker but per-process reply groups and `ignoreGroup`'s, with the topics each reads. */
async function groupsToWaitFor(admin: Admin, ignoreGroup: (groupId: string) => boolean): Promise<Record<string, readonly string[]>> {
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
  const { groups } = await admin.listGroups();
  const ids = groups.map((group) => group.groupId).filter((groupId) => !ignoreGroup(groupId) && !isPerProcessReplyGroup(groupId));
  const { groups: described } = ids.length > 0 ? await admin.describeGroups(ids) : { groups: [] };
  const found: Record<string, readonly string[]> = { ...SERVICE_CONSUMER_GROUPS };
  for (const group of described) {
    const read = await topicsOfGroup(admin, group.groupId, group.members.map((member) => member.memberMetadata), topics);
    found[group.groupId] = [...new Set([...(found[group.groupId] ?? []), ...read])];
  }
  return found;
}

/** Each consumer group's lag (`consumerLag`: end offsets minus committed ones), for the groups that have some. */
export async function lagByGroup(admin: Admin, ignoreGroup: (groupId: string) => boolean): Promise<Record<string, number>> {
  const lag: Record<string, number> = {};
  for (const [groupId, topics] of Object.entries(await groupsToWaitFor(admin, ignoreGroup))) {
    const behind = await consumerLag(admin, { [groupId]: topics });
    if (behind > 0) lag[groupId] = behind;
  }
  return lag;
}

/** Rows of `table` matching `where` in every schema that has such a table (each service has its own). */
async function rowsInEverySchema(db: Client, table: string, where = 'true'): Promise<number> {
  const { rows: schemas } = await db.query<{ schema: string }>(`SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = $1`, [table]);
  let total = 0;
  for (const { schema } of schemas) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.${table} WHERE ${where}`);
    total += rows[0].n;
  }
  return total;
}

/**
 * Events still ahead of each projection's checkpoint (summed over projections), in every schema
 * holding an event store with projections: the read models (order-ledger's order summaries) catch up asynchronously, after the
 * consumer that appended the events committed its offset.
 */
export async function eventsNotProjected(db: Client): Promise<number> {
  const { rows: schemas } = await db.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'projection_checkpoints'
      AND table_schema IN (SELECT table_schema FROM information_schema.tables WHERE table_name = 'events')`,
  );
  let total = 0;
  for (const { schema } of schemas) {
    // In the projections' own order, (transaction id, global position): a transaction that took a
    // lower position can commit after one with a higher position, so positions alone would call an
    // event applied that is still ahead of a checkpoint.
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${schema}.projection_checkpoints c
         JOIN ${schema}.events e ON (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)`,
    );
    total += rows[0].n;
  }
  return total;
}

export const unpublishedOutboxRows = (db: Client) => rowsInEverySchema(db, 'outbox', 'published_at IS NULL');

/** Messages a consumer set aside to retry later (its group's offset has moved past them). */
export const parkedMessages = (db: Client) => rowsInEverySchema(db, 'parked_messages');

interface LoggedDelivery {
  status: 'pending' | 'delivered' | 'failed' | 'no_endpoint';
}

/** The sandbox's delivery log of both providers. */
export async function sandboxDeliveries(sandboxUrl: string): Promise<LoggedDelivery[]> {
  const stripe = await callJson<{ data: LoggedDelivery[] }>(`${sandboxUrl}/_sandbox/stripe/events`, { timeoutMs: 60_000 });
  const cashfree = await callJson<{ data: LoggedDelivery[] }>(`${sandboxUrl}/_sandbox/cashfree/events`, { timeoutMs: 60_000 });
  return [...stripe.body.data, ...cashfree.body.data];
}

export interface SettleProbe {
  readonly admin: Admin;
  readonly db: Client;
  readonly sandboxUrl: string;
  readonly ignoreGroup: (groupId: string) => boolean;
}

export async function settleState(probe: SettleProbe): Promise<SettleState> {
  const pendingWebhooks = (await sandboxDeliveries(probe.sandboxUrl)).filter((delivery) => delivery.status === 'pending').length;
  const unpublished = await unpublishedOutboxRows(probe.db);
  const parked = await parkedMessages(probe.db);
  const notProjected = await eventsNotProjected(probe.db);
  return {
    lagByGroup: await lagByGroup(probe.admin, probe.ignoreGroup), unpublishedOutboxRows: unpublished, parkedMessages: parked, pendingWebhooks, eventsNotProjected: notProjected,
  };
}

/**
 * Polls until two passes in a row find the system settled (one pass could fall between a message's
 * commit and the outbox row its handler wrote), or until `deadline`. Resolves with when the first
 * of those passes began, and the last state seen.
 */
export async function waitUntilSettled(probe: SettleProbe, deadline: number): Promise<{ settledAt?: number; last: SettleState }> {
  let firstSettledAt: number | undefined;
  let last: SettleState = { lagByGroup: {}, unpublishedOutboxRows: 0, parkedMessages: 0, pendingWebhooks: 0 };
  while (Date.now() < deadline) {
    const passStartedAt = Date.now();
    try {
      last = await settleState(probe);
      if (!isSettled(last)) firstSettledAt = undefined;
      else if (firstSettledAt === undefined) firstSettledAt = passStartedAt;
      else return { settledAt: firstSettledAt, last };
    } catch {
      firstSettledAt = undefined;
    }
    await sleep(500);
  }
  return { last };
}
