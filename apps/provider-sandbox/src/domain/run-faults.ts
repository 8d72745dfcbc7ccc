import { DELIVERY_FAULT_RULES, DeliveryFaults, FieldRule, MAX_DUPLICATES, ParseResult, mergeFaults, parseFaultFields } from './delivery-faults';

/** Per-run fault rates: every event, of either provider, draws its own faults with these chances. */
export interface FaultRates {
  /** Share of events delivered `duplicateCopies` times (at once when `concurrentDuplicates` is set). */
  readonly duplicateRate?: number;
  /** How many copies a duplicated event gets; default 2. */
  readonly duplicateCopies?: number;
  /** Share of events held back until the next event about the same payment or order (`reorder`). */
  readonly reorderRate?: number;
  /** Share of events whose first attempt is lost in transit (`dropFirstAttempt`). */
  readonly dropFirstAttemptRate?: number;
  /** Makes the draws reproducible: the same seed and the same events give the same faults. */
  readonly seed?: number;
}

/** What `POST /_sandbox/faults` sets: faults for every event, and rates that pick faults per event. */
export type RunFaults = DeliveryFaults & FaultRates;

const RATE: FieldRule = { kind: 'rate' };

const RUN_FAULT_RULES: Readonly<Record<keyof RunFaults, FieldRule>> = {
  ...DELIVERY_FAULT_RULES,
  duplicateRate: RATE,
  duplicateCopies: { kind: 'integer', min: 2, max: MAX_DUPLICATES },
  reorderRate: RATE,
  dropFirstAttemptRate: RATE,
  seed: { kind: 'integer', min: 0, max: 2 ** 32 - 1 },
};

const RUN_ONLY_FIELDS = ['duplicateRate', 'duplicateCopies', 'reorderRate', 'dropFirstAttemptRate', 'seed'] as const;

export function parseRunFaults(input: unknown): ParseResult<RunFaults> {
  return parseFaultFields<RunFaults>(input, RUN_FAULT_RULES);
}

/** The run's settings without the rates: the faults every event gets. */
export function faultsForEveryEvent(run: RunFaults): DeliveryFaults {
  const faults: Record<string, unknown> = { ...run };
  for (const field of RUN_ONLY_FIELDS) delete faults[field];
  return faults as DeliveryFaults;
}

/** The faults the rates pick for one event: three draws in a fixed order, so a seed replays them. */
export function drawFaults(rates: FaultRates, random: () => number): DeliveryFaults {
  const duplicated = random() < (rates.duplicateRate ?? 0);
  const reordered = random() < (rates.reorderRate ?? 0);
  const dropped = random() < (rates.dropFirstAttemptRate ?? 0);
  return {
    ...(duplicated ? { duplicate: rates.duplicateCopies ?? 2 } : {}),
    ...(reordered ? { reorder: true } : {}),
    ...(dropped ? { dropFirstAttempt: true } : {}),
  };
}

/** A small seeded generator (mulberry32): uniform in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The run's faults, shared by the Stripe and the Cashfree publisher: each new event gets the faults
 * set for every event, then those its rates draw, then the ones its own request names.
 */
export class RunFaultPlan {
  private settings: RunFaults = {};
  private random: () => number;

  constructor(private readonly unseeded: () => number = Math.random) {
    this.random = unseeded;
  }

  get current(): RunFaults {
    return this.settings;
  }

  replace(settings: RunFaults): void {
    this.settings = settings;
    this.random = settings.seed === undefined ? this.unseeded : seededRandom(settings.seed);
  }

  forEvent(requested: DeliveryFaults = {}): DeliveryFaults {
    const drawn = drawFaults(this.settings, this.random);
    return mergeFaults(mergeFaults(faultsForEveryEvent(this.settings), drawn), requested);
  }
}
