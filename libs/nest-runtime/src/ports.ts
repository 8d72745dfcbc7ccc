import { randomUUID } from 'node:crypto';
import { Provider } from '@nestjs/common';

/** The clock, injected so that tests and replays are deterministic. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');

/** Id generation, injected for the same reason. */
export interface IdGenerator {
  uuid(): string;
}
export const IDS = Symbol('IDS');

export const systemClockAndIds: Provider[] = [
  { provide: CLOCK, useValue: { now: () => new Date() } satisfies Clock },
  { provide: IDS, useValue: { uuid: () => randomUUID() } satisfies IdGenerator },
];
