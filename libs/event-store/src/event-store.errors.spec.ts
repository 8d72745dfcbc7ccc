import { ConcurrencyConflictError, DuplicateEventIdError, toAppendError } from './event-store.errors';

const append = { streamId: 'order-1', expectedVersion: 3, eventIds: ['e-1'] };

describe('toAppendError', () => {
  it('turns the append function conflict into ConcurrencyConflictError with the actual version', () => {
    const error = toAppendError({ code: 'ESC01', detail: '5' }, append);

    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ code: 'EVENT_STORE.CONCURRENCY_CONFLICT', streamId: 'order-1', expectedVersion: 3, actualVersion: 5 });
  });

  it('turns a unique violation on (stream_id, stream_version) into ConcurrencyConflictError without an actual version', () => {
    const error = toAppendError({ code: '23505', constraint: 'events_stream_version_unique' }, append);

    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect((error as ConcurrencyConflictError).actualVersion).toBeUndefined();
  });

  it('turns a reused event id, raised or violated, into DuplicateEventIdError', () => {
    expect(toAppendError({ code: 'ESD01' }, append)).toBeInstanceOf(DuplicateEventIdError);
    expect(toAppendError({ code: '23505', constraint: 'events_event_id_unique' }, append)).toMatchObject({
      code: 'EVENT_STORE.DUPLICATE_EVENT_ID',
      eventIds: ['e-1'],
    });
  });

  it('reads the fields of a TypeORM QueryFailedError from its driverError', () => {
    const wrapped = Object.assign(new Error('query failed'), { driverError: { code: 'ESC01', detail: '4' } });

    expect(toAppendError(wrapped, append)).toMatchObject({ actualVersion: 4 });
  });

  it('returns any other error unchanged', () => {
    const other = Object.assign(new Error('connection reset'), { code: '08006' });

    expect(toAppendError(other, append)).toBe(other);
    expect(toAppendError('not an object', append)).toBe('not an object');
  });
});
