import { MAX_REORDER_HOLD_MS, copiesToDeliver, mergeFaults, parseDeliveryFaults, reorderHoldMs } from './delivery-faults';

describe('webhook delivery faults', () => {
  it('reads every known fault from a request body', () => {
    const input = {
      duplicate: 3, concurrentDuplicates: true, dropFirstAttempt: true, delayMs: 500, staleTimestamp: true, tamperAmount: false, reorder: true, reorderHoldMs: 2000,
    };
    expect(parseDeliveryFaults(input)).toEqual({ ok: true, faults: input });
  });

  it('treats a missing faults object as no faults', () => {
    expect(parseDeliveryFaults(undefined)).toEqual({ ok: true, faults: {} });
    expect(parseDeliveryFaults(null)).toEqual({ ok: true, faults: {} });
  });

  it.each([
    [{ duplicate: 0 }, /duplicate must be an integer from 1 to 10/],
    [{ duplicate: 2.5 }, /duplicate/],
    [{ delayMs: -1 }, /delayMs/],
    [{ delayMs: 600_000 }, /delayMs/],
    [{ staleTimestamp: 'yes' }, /staleTimestamp must be true or false/],
    [{ reorder: 'later' }, /reorder must be true or false/],
    [{ concurrentDuplicates: 1 }, /concurrentDuplicates must be true or false/],
    [{ reorderHoldMs: 60_000 }, /reorderHoldMs must be an integer from 0 to 30000/],
    [{ shuffle: true }, /unknown fault "shuffle"/],
    [{ toString: true }, /unknown fault "toString"/],
    [{ duplicateRate: 0.5 }, /unknown fault "duplicateRate"/],
    [[1], /must be an object/],
  ])('refuses %p', (input, message) => {
    const result = parseDeliveryFaults(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('lets faults given with a request override the run defaults field by field', () => {
    expect(mergeFaults({ duplicate: 2, staleTimestamp: true }, { staleTimestamp: false, delayMs: 10 })).toEqual({
      duplicate: 2, staleTimestamp: false, delayMs: 10,
    });
  });

  it('delivers one copy unless told to duplicate', () => {
    expect(copiesToDeliver({})).toBe(1);
    expect(copiesToDeliver({ duplicate: 3 })).toBe(3);
  });

  it('holds a reordered event at most MAX_REORDER_HOLD_MS unless told a shorter hold', () => {
    expect(reorderHoldMs({ reorder: true })).toBe(MAX_REORDER_HOLD_MS);
    expect(reorderHoldMs({ reorder: true, reorderHoldMs: 1500 })).toBe(1500);
  });
});
