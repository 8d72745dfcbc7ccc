import { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api/http';

/** The filters every console list has; a list adds its own (status, review flag). */
export interface CommonFilters { provider: string; currency: string; userId: string; from: string; to: string }
export const NO_COMMON_FILTERS: CommonFilters = { provider: '', currency: '', userId: '', from: '', to: '' };

/** A calendar day as the API's instant (midnight UTC), or nothing. */
export const isoOf = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : undefined);

export interface FieldBinding { id: string; name: string; value: string; onInput: (e: Event) => void }

export interface ListFilters<F> {
  readonly applied: F;
  readonly field: (name: keyof F & string) => FieldBinding;
  readonly search: () => void;
  readonly clear: () => void;
}

/** What is typed and what was last searched for; `field(name)` binds an input or select to a filter. */
export function useListFilters<F extends CommonFilters>(none: F): ListFilters<F> {
  const [filters, setFilters] = useState<F>(none);
  const [applied, setApplied] = useState<F>(none);
  const field = (name: keyof F & string): FieldBinding => ({
    id: `filter-${name}`, name, value: filters[name] as string,
    onInput: (e: Event) => setFilters({ ...filters, [name]: (e.currentTarget as HTMLInputElement).value }),
  });
  return { applied, field, search: () => setApplied(filters), clear: () => { setFilters(none); setApplied(none); } };
}

/** The filter form: the list's own fields, then provider, currency, user and placement dates. */
export function ListFiltersForm(props: { filters: Omit<ListFilters<CommonFilters>, 'applied'>; children?: ComponentChildren }) {
  const { field, search, clear } = props.filters;
  return (
    <form class="filters" onSubmit={(event) => { event.preventDefault(); search(); }}>
      {props.children}
      <label for="filter-provider">Provider</label>
      <select {...field('provider')}><option value="">any</option><option value="stripe">stripe</option><option value="cashfree">cashfree</option></select>
      <label for="filter-currency">Currency</label>
      <input {...field('currency')} maxLength={3} size={4} pattern="[A-Z]{3}" />
      <label for="filter-userId">User</label>
      <input {...field('userId')} maxLength={255} />
      <label for="filter-from">Placed from</label>
      <input type="date" {...field('from')} />
      <label for="filter-to">Placed before</label>
      <input type="date" {...field('to')} />
      <button type="submit">Search</button>
      <button type="button" onClick={clear}>Clear</button>
    </form>
  );
}

/**
 * The list at `path` for the last search, asked again on every search (the same filters included).
 * A newer search aborts the request of the one before, so an answer that comes late never
 * replaces a newer one.
 */
export function useListing<F extends CommonFilters, A, T>(filters: ListFilters<F>, path: string, pick: (answer: A) => T[]) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { applied } = filters;
  useEffect(() => {
    const aborter = new AbortController();
    setError(null);
    // Every filter is a string field (the form binds each to an input), so the query takes them all.
    const search: Record<string, string | undefined> = { ...Object.fromEntries(Object.entries(applied)), from: isoOf(applied.from), to: isoOf(applied.to) };
    api<A>(`${path}${query(search)}`, { signal: aborter.signal })
      .then((answer) => setItems(pick(answer)), (failure: unknown) => (failure instanceof Error && failure.name === 'AbortError' ? undefined : setError(failure)));
    return () => aborter.abort();
  }, [applied]);
  return { items, error };
}
