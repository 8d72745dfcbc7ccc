import type { DeadLetter, DeadLetterListing } from '@payments/messaging';

const SHORT_ERROR_LENGTH = 60;

interface Column {
  title: string;
  cell(letter: DeadLetter): string;
}

const COLUMNS: readonly Column[] = [
  { title: 'AT', cell: (letter) => `${letter.partition}:${letter.offset}` },
  { title: 'MESSAGE ID', cell: (letter) => letter.messageId ?? '-' },
  { title: 'TYPE', cell: (letter) => letter.type ?? '-' },
  { title: 'KEY', cell: (letter) => letter.key ?? '-' },
  { title: 'ERROR CODE', cell: (letter) => letter.errorCode ?? '-' },
  { title: 'CONSUMER GROUP', cell: (letter) => letter.consumerGroup ?? '-' },
  { title: 'FAILED AT', cell: (letter) => letter.failedAt ?? '-' },
  { title: 'REPLAYED', cell: (letter) => (letter.replayed ? 'yes' : 'no') },
  { title: 'ERROR', cell: (letter) => shortError(letter) },
];

/** What `dlq list` prints: a table per dead-letter topic that holds messages, then the empty ones. */
export function deadLetterReport(listings: readonly DeadLetterListing[]): string {
  if (listings.length === 0) return 'no dead letters: the broker has no dead-letter topics';
  const held = listings.filter((listing) => listing.deadLetters.length > 0);
  const empty = listings.filter((listing) => listing.deadLetters.length === 0).map((listing) => listing.deadLetterTopic);
  const sections = held.map(section);
  if (empty.length > 0) sections.push(`no dead letters in ${empty.join(', ')}`);
  return sections.join('\n\n');
}

function section(listing: DeadLetterListing): string {
  const pending = listing.deadLetters.filter((letter) => !letter.replayed).length;
  const heading =
    `${listing.deadLetterTopic}: ${count(listing.deadLetters.length)}, ${pending} not replayed` +
    (pending > 0 ? ` (replay: npm run dlq -- replay ${listing.topic})` : '');
  return [heading, ...table(listing.deadLetters)].join('\n');
}

function table(letters: readonly DeadLetter[]): string[] {
  const rows = [COLUMNS.map((column) => column.title), ...letters.map((letter) => COLUMNS.map((column) => column.cell(letter)))];
  const widths = COLUMNS.map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  return rows.map((row) => `  ${row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]))).join('  ')}`.trimEnd());
}

function shortError(letter: DeadLetter): string {
  const text = (letter.error ?? letter.undecodable ?? '-').replace(/\s+/g, ' ');
  return text.length <= SHORT_ERROR_LENGTH ? text : `${text.slice(0, SHORT_ERROR_LENGTH - 1)}…`;
}

export function count(deadLetters: number): string {
  return `${deadLetters} dead letter${deadLetters === 1 ? '' : 's'}`;
}
