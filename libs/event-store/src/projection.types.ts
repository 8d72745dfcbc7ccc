import { Sql } from '@payments/persistence';
import { StoredEvent } from './event-store.types';

/** A read model fed from the global event order by a `ProjectionRunner`. */
export interface Projection {
  /** Names the checkpoint; unique per schema. */
  readonly name: string;
  /** Applies one event. Runs in the batch's transaction, together with the checkpoint move. */
  handle(sql: Sql, event: StoredEvent): Promise<void>;
  /** Wipes the read model for a rebuild; runs in the same transaction as the checkpoint reset. */
  reset(sql: Sql): Promise<void>;
}
