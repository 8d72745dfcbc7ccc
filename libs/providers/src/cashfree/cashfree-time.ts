/** `2024-07-20`, `2024-07-20 10:15:00` or `2024-07-20T10:15:00`, without a zone: Cashfree's times are IST. */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const IST = '+05:30';

/**
 * A Cashfree date or time as ISO 8601 UTC; undefined for anything else. Times with a zone are read
 * as given, times without one as IST (Cashfree: "we store timestamps in IST").
 */
export function cashfreeTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  const iso = local ? `${local[1]}T${local[2] ?? '00:00'}${local[2]?.length === 5 ? ':00' : ''}${IST}` : ZONED_TIME.test(text) ? text : null;
  if (iso === null) return undefined;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
