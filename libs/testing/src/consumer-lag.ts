import { Admin } from 'kafkajs';

/** The services' consumer groups and the topics each reads, as the apps configure them by default. */
export const SERVICE_CONSUMER_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'order-ledger': ['checkout.events', 'payments.provider-events', 'orders.commands'],
  entitlements: ['orders.events'],
  gateway: ['orders.events', 'entitlement-granted'],
  checkout: ['checkout.commands'],
};

/**
 * Messages the groups have not committed yet, summed over their topics' partitions (a partition the
 * group never committed counts from its low watermark). Zero means every group has caught up.
 */
export async function consumerLag(admin: Admin, groups: Readonly<Record<string, readonly string[]>> = SERVICE_CONSUMER_GROUPS): Promise<number> {
  return Object.values(await consumerLagByTopic(admin, groups)).reduce((sum, behind) => sum + behind, 0);
}

/** The same per `group/topic`, only where the group is behind (empty: every group has caught up). */
export async function consumerLagByTopic(admin: Admin, groups: Readonly<Record<string, readonly string[]>> = SERVICE_CONSUMER_GROUPS): Promise<Record<string, number>> {
  const existing = new Set(await admin.listTopics());
  const behindBy: Record<string, number> = {};
  for (const [groupId, topics] of Object.entries(groups)) {
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) continue;
    const committed = await admin.fetchOffsets({ groupId, topics: present });
    for (const { topic, partitions } of committed) {
      let lag = 0n;
      const ends = await admin.fetchTopicOffsets(topic);
      for (const { partition, high, low } of ends) {
        const offset = BigInt(partitions.find((p) => p.partition === partition)?.offset ?? '-1');
        const position = offset >= 0n ? offset : BigInt(low);
        if (BigInt(high) > position) lag += BigInt(high) - position;
      }
      if (lag > 0n) behindBy[`${groupId}/${topic}`] = Number(lag);
    }
  }
  return behindBy;
}
