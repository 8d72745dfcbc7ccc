/** Reading rows back: timestamps as ISO 8601, bigint and integer columns (strings from pg) as numbers, null kept. */
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
