import { RunFaultPlan, drawFaults, faultsForEveryEvent, parseRunFaults, seededRandom } from './run-faults';

/** A random source that answers the given draws in turn. */
const draws = (...values: number[]) => () => {
  const next = values.shift();
  if (next === undefined) throw new Error('no draw left');
  return next;
};

describe('per-run fault rates', () => {
  it('reads rates, the copies of a duplicated event and a seed next to the faults every event gets', () => {
    const input = { duplicateRate: 0.1, duplicateCopies: 3, reorderRate: 0.1, dropFirstAttemptRate: 0.05, seed: 42, concurrentDuplicates: true, reorderHoldMs: 3000 };
    expect(parseRunFaults(input)).toEqual({ ok: true, faults: input });
  });

  it.each([
    [{ duplicateRate: 1.5 }, /duplicateRate must be a number from 0 to 1/],
    [{ reorderRate: -0.1 }, /reorderRate must be a number from 0 to 1/],
    [{ dropFirstAttemptRate: '5%' }, /dropFirstAttemptRate must be a number from 0 to 1/],
    [{ duplicateCopies: 1 }, /duplicateCopies must be an integer from 2 to 10/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ chaos: true }, /unknown fault "chaos"/],
  ])('refuses %p', (input, message) => {
    const result = parseRunFaults(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('draws duplicate, reorder and drop in that order, each against its own rate', () => {
    const rates = { duplicateRate: 0.1, reorderRate: 0.1, dropFirstAttemptRate: 0.05 };
    expect(drawFaults(rates, draws(0.05, 0.5, 0.01))).toEqual({ duplicate: 2, dropFirstAttempt: true });
    expect(drawFaults(rates, draws(0.5, 0.09, 0.5))).toEqual({ reorder: true });
    expect(drawFaults({ ...rates, duplicateCopies: 4 }, draws(0, 0.5, 0.5))).toEqual({ duplicate: 4 });
    expect(drawFaults({}, draws(0, 0, 0))).toEqual({});
  });

  it('replays the same draws for the same seed, and other draws for another seed', () => {
    const sequence = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(sequence(7)).toEqual(sequence(7));
    expect(sequence(7)).not.toEqual(sequence(8));
    for (const value of sequence(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('picks roughly the asked share of events', () => {
    const random = seededRandom(1);
    const picked = Array.from({ length: 10_000 }, () => drawFaults({ duplicateRate: 0.1 }, random)).filter((faults) => faults.duplicate).length;
    expect(picked).toBeGreaterThan(900);
    expect(picked).toBeLessThan(1100);
  });

  it('keeps only the faults meant for every event when the rates are set aside', () => {
    expect(faultsForEveryEvent({ duplicateRate: 0.1, seed: 3, concurrentDuplicates: true, reorderHoldMs: 500 })).toEqual({ concurrentDuplicates: true, reorderHoldMs: 500 });
  });
});

describe('the run fault plan', () => {
  it('gives an event the run faults, then the drawn ones, then what its request names', () => {
    const plan = new RunFaultPlan(draws(0, 0.9, 0.9, 0, 0.9, 0.9));
    plan.replace({ duplicateRate: 0.5, concurrentDuplicates: true, delayMs: 10 });
    expect(plan.forEvent()).toEqual({ concurrentDuplicates: true, delayMs: 10, duplicate: 2 });
    expect(plan.forEvent({ duplicate: 1, delayMs: 0 })).toEqual({ concurrentDuplicates: true, delayMs: 0, duplicate: 1 });
  });

  it('restarts the seeded sequence whenever the settings are replaced with a seed', () => {
    const plan = new RunFaultPlan();
    const run = () => Array.from({ length: 20 }, () => plan.forEvent());
    plan.replace({ duplicateRate: 0.3, reorderRate: 0.3, dropFirstAttemptRate: 0.3, seed: 11 });
    const first = run();
    plan.replace({ duplicateRate: 0.3, reorderRate: 0.3, dropFirstAttemptRate: 0.3, seed: 11 });
    expect(run()).toEqual(first);
    expect(first.some((faults) => Object.keys(faults).length > 0)).toBe(true);
  });

  it('adds nothing once reset', () => {
    const plan = new RunFaultPlan(() => 0);
    plan.replace({ duplicateRate: 1, reorder: true });
    plan.replace({});
    expect(plan.forEvent({ staleTimestamp: true })).toEqual({ staleTimestamp: true });
    expect(plan.current).toEqual({});
  });
});
