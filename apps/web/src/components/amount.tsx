import { formatMinor } from '../lib/money';

/** Integer minor units as money (exactly, see lib/money.ts), the minor units kept in `data-minor`; a dash when unknown. */
export function Amount(props: { minor: number | null | undefined; currency: string }) {
  if (props.minor === null || props.minor === undefined) return <span class="empty">-</span>;
  return <span class="amount" data-minor={props.minor}>{formatMinor(props.minor, props.currency)}</span>;
}

/** An instant in the reader's locale; a dash when there is none. */
export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '-');
