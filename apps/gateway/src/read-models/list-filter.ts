/** The filters the console's lists share (orders, subscriptions), as the read models take them. */
export interface ListFilter {
  readonly provider?: string;
  readonly currency?: string;
  readonly userId?: string;
  /** Placed at or after. */
  readonly from?: Date;
  /** Placed before. */
  readonly to?: Date;
  readonly limit: number;
}

const DEFAULT_LIMIT = 100;

/** A validated query's dates as instants and its limit defaulted; other fields pass through. */
export function listFilterOf<Q extends { from?: string; to?: string; limit?: number }>(query: Q): Omit<Q, 'from' | 'to' | 'limit'> & ListFilter {
  return { ...query, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined, limit: query.limit ?? DEFAULT_LIMIT };
}
