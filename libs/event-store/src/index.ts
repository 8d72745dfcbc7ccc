export { NewEvent, StoredEvent, Checkpoint, START } from './event-store.types';
export { eventStoreDdl } from './event-store.sql';
export { ConcurrencyConflictError, DuplicateEventIdError, CheckpointMovedError } from './event-store.errors';
export { PostgresEventStore, AppendResult } from './postgres.event-store';
export { Projection } from './projection.types';
export { ProjectionRunner, ProjectionRunnerOptions, ProjectionRunnerLogger } from './projection.runner';
