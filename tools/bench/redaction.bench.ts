// How long redaction holds the event loop; prints figures, asserts nothing, needs no infrastructure.
//   node -r @swc-node/register tools/bench/redaction.bench.ts
// Each row is one synchronous call, so its time is the time nothing else runs on that thread:
// "stored" is what webhook-ingest does with a raw body (parse, redactDeep, stringify); "logged"
// is redactText over the whole raw body, as when it lands in a log line. Realistic rows are a
// Stripe invoice event with as many lines as fit; hostile rows are the same event with one
// description holding a run built to make a backtracking pattern retry at every character
// (timed as stored only: logging the same body costs the same).
import { performance } from 'node:perf_hooks';
import { redactDeep, redactText } from '@payments/observability';

const KIB = 1024;
const SIZES_KIB = [16, 64, 256];
const REALISTIC_RUNS = 7;

function invoiceLine(index: number): Record<string, unknown> {
  return {
    id: `il_1QAbCdEf${String(index).padStart(6, '0')}`, object: 'line_item', amount: 49_900, amount_excluding_tax: 42_288, currency: 'inr',
    description: `1 × Course seat ${index} (at ₹499.00 / month), billed to asha.k+${index}@example.co.in`,
    discountable: true, discounts: [], invoice: 'in_1QAbCdEfGh', livemode: false,
    metadata: { order_id: `7f1d2c9e-9a1b-4c1e-8e5f-${String(index).padStart(12, '0')}`, seat_holder_phone: '+91 98765 43210' },
    period: { end: 1_735_689_600, start: 1_733_011_200 },
    price: { id: 'price_1QAbCdEfGhIj', object: 'price', active: true, currency: 'inr', product: 'prod_RCourseSeat', unit_amount: 49_900, type: 'recurring' },
    proration: false, quantity: 1, type: 'subscription',
    tax_amounts: [{ amount: 7_612, inclusive: true, tax_rate: 'txr_1QGst18', taxability_reason: 'standard_rated' }],
  };
}

function invoiceEvent(lines: Record<string, unknown>[]): Record<string, unknown> {
  return {
    id: 'evt_1QAbCdEfGhIjKlMn', object: 'event', api_version: '2024-06-20', created: 1_733_011_260, livemode: false, type: 'invoice.paid',
    data: {
      object: {
        id: 'in_1QAbCdEfGh', object: 'invoice', amount_due: 49_900 * lines.length, amount_paid: 49_900 * lines.length, currency: 'inr',
        customer: 'cus_RAbCdEfGh', customer_email: 'asha.k@example.co.in', customer_name: 'Asha K', customer_phone: '+91 98765 43210',
        customer_address: { city: 'Bengaluru', country: 'IN', line1: '12 MG Road', postal_code: '560001', state: 'KA' },
        hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1Q/test_YWNjdF8xUQ', status: 'paid', subscription: 'sub_1QAbCdEf',
        payment_intent: 'pi_3QAbCdEfGhIj', charge: 'ch_3QAbCdEfGhIj', metadata: { order_id: '7f1d2c9e-9a1b-4c1e-8e5f-0a1b2c3d4e5f' },
        lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: '/v1/invoices/in_1QAbCdEfGh/lines' },
      },
    },
    request: { id: null, idempotency_key: '4c3f0e6a-1b2d-4e5f-8a9b-0c1d2e3f4a5b' },
  };
}

/** A Stripe `invoice.paid` event with as many lines as fit in `bytes` of UTF-8. */
export function realisticPayload(bytes: number): string {
  const lines: Record<string, unknown>[] = [];
  while (Buffer.byteLength(JSON.stringify(invoiceEvent([...lines, invoiceLine(lines.length)]))) <= bytes) lines.push(invoiceLine(lines.length));
  return JSON.stringify(invoiceEvent(lines));
}

/** The same event with one line, whose description is a run of `unit` filling it to at most `bytes`. */
export function hostilePayload(bytes: number, unit: string): string {
  const frame = JSON.stringify(invoiceEvent([{ ...invoiceLine(0), description: '' }]));
  const run = unit.repeat(Math.floor((bytes - Buffer.byteLength(frame)) / unit.length));
  return JSON.stringify(invoiceEvent([{ ...invoiceLine(0), description: run }]));
}

const HOSTILE_RUNS: ReadonlyArray<readonly [string, string]> = [
  ['letters, no @', 'a'],
  ['a.a.a.', 'a.'],
  ['digits', '4'],
  ['digits and dashes', '4-'],
];

const stored = (raw: string) => JSON.stringify(redactDeep(JSON.parse(raw)));
const logged = (raw: string) => redactText(raw);

function millisecondsOf(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const figure = (ms: number) => `${ms.toFixed(1).padStart(9)} ms`;
const prefix = (label: string, raw: string) => `${label.padEnd(40)} ${(raw.length / KIB).toFixed(0).padStart(4)} KiB`;

function realisticRow(raw: string): void {
  const time = (redact: (raw: string) => unknown) => median(Array.from({ length: REALISTIC_RUNS }, () => millisecondsOf(() => redact(raw))));
  console.log(`${prefix('Stripe invoice.paid, many lines', raw)}  stored ${figure(time(stored))}  logged ${figure(time(logged))}`);
}

function hostileRow(name: string, raw: string): void {
  console.log(`${prefix(`hostile description: ${name}`, raw)}  stored ${figure(millisecondsOf(() => stored(raw)))}`);
}

/** Prints the redaction figures (also part of `npm run bench`). */
export function redactionBench(): void {
  console.log(`redaction, node ${process.version}, ${new Date().toISOString()}; realistic rows: median of ${REALISTIC_RUNS} runs, hostile rows: one run`);
  for (const size of SIZES_KIB) {
    const raw = realisticPayload(size * KIB);
    for (let warmUp = 0; warmUp < 2; warmUp += 1) stored(raw);
    realisticRow(raw);
  }
  for (const size of SIZES_KIB) {
    for (const [name, unit] of HOSTILE_RUNS) hostileRow(name, hostilePayload(size * KIB, unit));
  }
}

if (require.main === module) redactionBench();
