import { dayOf, previousDay } from './settlement-day';

/** A nightly run: every day at this UTC time, for the day before. */
export interface DailySchedule {
  /** Minutes after midnight UTC. */
  readonly minuteOfDay: number;
}

export interface ScheduleSlot {
  /** The settlement day to reconcile. */
  readonly date: string;
  /** Names the slot, so that each (provider, day, slot) is run once whichever replica gets there first. */
  readonly slot: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (UTC); null for anything else. */
export function parseDailyTime(raw: string): DailySchedule | null {
  const match = TIME.exec(raw);
  return match ? { minuteOfDay: Number(match[1]) * 60 + Number(match[2]) } : null;
}

/**
 * The slot due at `now`: from the scheduled time to the end of the UTC day, the previous day. A
 * replica that was down at the scheduled time still runs it later that day.
 */
export function dueSlot(schedule: DailySchedule, now: Date): ScheduleSlot | null {
  if (now.getUTCHours() * 60 + now.getUTCMinutes() < schedule.minuteOfDay) return null;
  const hh = String(Math.floor(schedule.minuteOfDay / 60)).padStart(2, '0');
  const mm = String(schedule.minuteOfDay % 60).padStart(2, '0');
  return { date: previousDay(dayOf(now)), slot: `daily@${hh}:${mm}` };
}
