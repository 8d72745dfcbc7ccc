export type { NewEvent, StoredEvent, Checkpoint } from './event-store.types';
export { START } from './event-store.types';
export { appendFunctionDdl, dropStreamsTableDdl, eventStoreDdl } from './event-store.sql';
export { ConcurrencyConflictError, DuplicateEventIdError, CheckpointMovedError } from './event-store.errors';
export type { AppendResult } from './postgres.event-store';
export { PostgresEventStore } from './postgres.event-store';
export type { Projection } from './projection.types';
export type { ProjectionRunnerOptions, ProjectionRunnerLogger } from './projection.runner';
export { ProjectionRunner } from './projection.runner';
