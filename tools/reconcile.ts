// Settlement reconciliation for operators (docs/reconciliation.md), through order-ledger's admin API:
//   npm run reconcile -- --provider stripe --date 2026-12-01 [--format json|csv] [--timeout-ms 120000]
//       asks for a run of the day, waits until it is reconciled (or failed), prints the day's report
//   npm run reconcile -- discrepancies [--provider ..] [--date ..] [--kind ..] [--status open|resolved|all]
//       lists discrepancies (open ones by default)
// order-ledger at ORDER_LEDGER_URL (default http://127.0.0.1:$ORDER_LEDGER_PORT, 3003), presenting INTERNAL_API_TOKEN when set.
// Exit codes: 0 done, 1 the run failed or order-ledger could not answer, 2 wrong usage.
import { internalApiHeaders, internalApiTokenFrom } from '@payments/nest-runtime';

const USAGE = `usage: npm run reconcile -- --provider stripe|cashfree --date YYYY-MM-DD [--format json|csv] [--timeout-ms N]
       npm run reconcile -- discrepancies [--provider stripe|cashfree] [--date YYYY-MM-DD] [--kind KIND] [--status open|resolved|all]`;

const PROVIDERS = ['stripe', 'cashfree'];
const KINDS = ['missing-in-ledger', 'missing-at-provider', 'amount-mismatch', 'currency-mismatch', 'settled-twice', 'unexplained-fee'];
const OPTIONS: Readonly<Record<string, (value: string) => string | undefined>> = {
  provider: (value) => (PROVIDERS.includes(value) ? undefined : `--provider must be one of ${PROVIDERS.join(', ')}, got "${value}"`),
  date: (value) => (isCalendarDay(value) ? undefined : `--date must be a calendar day as YYYY-MM-DD, got "${value}"`),
  format: (value) => (value === 'json' || value === 'csv' ? undefined : `--format must be json or csv, got "${value}"`),
  'timeout-ms': (value) => (/^[1-9]\d{0,8}$/.test(value) ? undefined : `--timeout-ms must be a positive whole number of milliseconds, got "${value}"`),
  kind: (value) => (KINDS.includes(value) ? undefined : `--kind must be one of ${KINDS.join(', ')}, got "${value}"`),
  status: (value) => (['open', 'resolved', 'all'].includes(value) ? undefined : `--status must be open, resolved or all, got "${value}"`),
};
const RUN_OPTIONS = ['provider', 'date', 'format', 'timeout-ms'];
const LISTING_OPTIONS = ['provider', 'date', 'kind', 'status'];

/** The command line is wrong; exit code 2. */
class UsageError extends Error {
  readonly code = 'RECONCILE.USAGE';
}

type Invocation = { command: 'run' | 'discrepancies'; options: Record<string, string> } | { command: 'help' } | { command: 'usage-error'; problem: string };

function isCalendarDay(value: string): boolean {
  const start = Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(start) && new Date(start).toISOString().slice(0, 10) === value;
}

/** What the command line asks for; a wrong one is answered with its problem, not thrown. */
function invocationOf(args: readonly string[]): Invocation {
  if (args.includes('--help') || args.includes('-h')) return { command: 'help' };
  try {
    return parse(args);
  } catch (error) {
    if (error instanceof UsageError) return { command: 'usage-error', problem: error.message };
    throw error;
  }
}

function parse(args: readonly string[]): Invocation {
  const [first, ...rest] = args;
  const command = first === 'discrepancies' ? 'discrepancies' : 'run';
  const flags = command === 'discrepancies' ? rest : args;
  const options: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) {
    const [flag, value] = [flags[i], flags[i + 1]];
    if (!flag.startsWith('--')) throw new UsageError(`unexpected argument "${flag}"`);
    const name = flag.slice(2);
    const allowed = command === 'run' ? RUN_OPTIONS : LISTING_OPTIONS;
    if (!allowed.includes(name)) throw new UsageError(`unknown option ${flag}${command === 'discrepancies' ? ' for discrepancies' : ''}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    const problem = OPTIONS[name](value);
    if (problem) throw new UsageError(problem);
    options[name] = value;
  }
  if (command === 'run' && (!options.provider || !options.date)) throw new UsageError('a run needs --provider and --date');
  return { command, options };
}

function orderLedgerUrl(): string {
  return (process.env.ORDER_LEDGER_URL ?? `http://127.0.0.1:${process.env.ORDER_LEDGER_PORT ?? '3003'}`).replace(/\/$/, '');
}

/** A refusal of order-ledger's: 4xx are the caller's (exit 2), the rest its own (exit 1). */
class ServiceError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = { ...internalApiHeaders(internalApiTokenFrom(process.env)), ...(init.headers as Record<string, string> | undefined) };
  const response = await fetch(`${orderLedgerUrl()}${path}`, { ...init, headers }).catch((error: unknown) => {
    throw new ServiceError(0, `order-ledger at ${orderLedgerUrl()} did not answer: ${(error as Error).message}`);
  });
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  throw new ServiceError(response.status, `order-ledger answered ${response.status}: ${String(body.message ?? response.statusText)}`);
}

interface Run { runId: string; status: string; error: string | null }

async function reconcile(options: Record<string, string>): Promise<number> {
  const started = await call('/reconciliation/runs', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: options.provider, date: options.date }),
  });
  let run = (await started.json()) as Run;
  console.error(`reconcile: run ${run.runId} of ${options.provider} ${options.date} requested`);
  const deadline = Date.now() + Number(options['timeout-ms'] ?? 120_000);
  while (run.status !== 'reconciled' && run.status !== 'failed') {
    if (Date.now() > deadline) throw new ServiceError(0, `run ${run.runId} is still ${run.status} after ${options['timeout-ms'] ?? 120_000} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = (await (await call(`/reconciliation/runs/${run.runId}`)).json()) as Run;
  }
  if (run.status === 'failed') {
    console.error(`reconcile: run ${run.runId} failed: ${run.error ?? 'no reason given'}`);
    return 1;
  }
  const format = options.format ?? 'json';
  const report = await call(`/reconciliation/${options.provider}/${options.date}?format=${format}`);
  process.stdout.write(format === 'csv' ? await report.text() : `${JSON.stringify(await report.json(), null, 2)}\n`);
  return 0;
}

async function discrepancies(options: Record<string, string>): Promise<number> {
  const query = new URLSearchParams(options).toString();
  const listing = await call(`/reconciliation/discrepancies${query ? `?${query}` : ''}`);
  process.stdout.write(`${JSON.stringify(await listing.json(), null, 2)}\n`);
  return 0;
}

async function main(args: readonly string[]): Promise<number> {
  const invocation = invocationOf(args);
  try {
    switch (invocation.command) {
      case 'help':
        console.log(USAGE);
        return 0;
      case 'usage-error':
        console.error(`reconcile: ${invocation.problem}\n${USAGE}`);
        return 2;
      case 'run':
        return await reconcile(invocation.options);
      case 'discrepancies':
        return await discrepancies(invocation.options);
    }
  } catch (error) {
    console.error(`reconcile: ${(error as Error).message}`);
    return error instanceof ServiceError && error.status >= 400 && error.status < 500 ? 2 : 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
