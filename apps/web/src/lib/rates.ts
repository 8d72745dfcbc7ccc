/** A counter's value when it was read. */
export interface CounterSample {
  readonly at: number;
  readonly value: number;
}

/**
 * Per-minute rates between consecutive readings of a counter. A counter that went down was reset
 * (the service restarted): its new value is what happened since.
 */
export function perMinute(samples: readonly CounterSample[]): { at: number; rate: number }[] {
  const rates: { at: number; rate: number }[] = [];
  for (let i = 1; i < samples.length; i += 1) {
    const [previous, current] = [samples[i - 1], samples[i]];
    const elapsedMinutes = (current.at - previous.at) / 60_000;
    if (elapsedMinutes <= 0) continue;
    const increase = current.value >= previous.value ? current.value - previous.value : current.value;
    rates.push({ at: current.at, rate: increase / elapsedMinutes });
  }
  return rates;
}

/** Keeps the newest `max` readings. */
export function appendSample<T>(samples: readonly T[], sample: T, max: number): T[] {
  return [...samples, sample].slice(-max);
}
