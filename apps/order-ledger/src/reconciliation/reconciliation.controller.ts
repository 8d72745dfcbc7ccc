import { ArgumentsHost, Body, Catch, Controller, ExceptionFilter, Get, HttpCode, Inject, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { DiscrepancyKind, ProviderName } from '@payments/contracts';
import { Database } from '@payments/persistence';
import { CLOCK, Clock, DATABASE, InternalApi } from '@payments/nest-runtime';
import { ReconciliationError } from './domain/reconciliation.errors';
import { parseProvider, parseSettlementDate } from './domain/settlement-day';
import { ReportDiscrepancy, ReportRun, SettlementDayReport, settlementDayCsv } from './domain/settlement-day-report';
import { DiscrepancyFilter, ReconciliationDiscrepanciesRepository } from './reconciliation-discrepancies.repository';
import { ReconciliationRunsRepository } from './reconciliation-runs.repository';
import { ReconciliationRunsService } from './reconciliation-runs.service';
import { SettlementDayReportRepository } from './settlement-day-report.repository';

const KINDS: readonly DiscrepancyKind[] = ['missing-in-ledger', 'missing-at-provider', 'amount-mismatch', 'currency-mismatch', 'settled-twice', 'unexplained-fee'];
const STATUSES = ['open', 'resolved', 'all'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reconciliation's refusals as HTTP: 404 for what does not exist, 400 for every bad input. */
@Catch(ReconciliationError)
export class ReconciliationErrorFilter implements ExceptionFilter {
  catch(error: ReconciliationError, host: ArgumentsHost): void {
    const statusCode = error.code === 'RECONCILIATION.NOT_FOUND' ? 404 : 400;
    host.switchToHttp().getResponse<Response>().status(statusCode).json({ statusCode, code: error.code, message: error.message });
  }
}

const invalid = (message: string) => new ReconciliationError('RECONCILIATION.INVALID_QUERY', message);

function limitOf(raw: string, max: number): number {
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw invalid(`limit must be an integer from 1 to ${max}`);
  return limit;
}

/**
 * Settlement reconciliation for operators and finance, on order-ledger's own port (not the public
 * gateway; callers present INTERNAL_API_TOKEN): start a run, follow it, read a day's report (JSON
 * or CSV) and list discrepancies.
 */
@Controller('reconciliation')
@InternalApi()
@UseFilters(ReconciliationErrorFilter)
export class ReconciliationController {
  private readonly runs = new ReconciliationRunsRepository();
  private readonly discrepancies = new ReconciliationDiscrepanciesRepository();
  private readonly reports = new SettlementDayReportRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runsService: ReconciliationRunsService,
  ) {}

  /** `{"provider": "stripe", "date": "2026-12-01"}`: a run is asked for at once; follow it at `runs/:runId`. */
  @Post('runs')
  @HttpCode(202)
  async start(@Body() body: unknown): Promise<ReportRun> {
    const given = (typeof body === 'object' && body !== null ? body : {}) as { provider?: unknown; date?: unknown };
    const provider = parseProvider(given.provider);
    const date = parseSettlementDate(given.date, this.clock.now());
    const { run } = await this.db.transaction((sql) => this.runsService.request(sql, { provider, date, trigger: 'admin' }, { correlationId: `reconciliation:${provider}:${date}` }));
    this.runsService.published();
    return run;
  }

  @Get('runs')
  async listRuns(@Query('provider') provider?: string, @Query('date') date?: string, @Query('limit') limit = '50'): Promise<{ items: ReportRun[] }> {
    return { items: await this.runs.list(this.db, { ...this.dayFilter(provider, date), limit: limitOf(limit, 500) }) };
  }

  @Get('runs/:runId')
  async run(@Param('runId') runId: string): Promise<ReportRun> {
    if (!UUID.test(runId)) throw invalid('runId must be a UUID');
    const run = await this.runs.find(this.db, runId.toLowerCase());
    if (!run) throw new ReconciliationError('RECONCILIATION.NOT_FOUND', `no reconciliation run ${runId}`);
    return run;
  }

  /** Open ones by default; `status=resolved|all`, `provider`, `date`, `kind` narrow it. */
  @Get('discrepancies')
  async listDiscrepancies(
    @Query('provider') provider?: string, @Query('date') date?: string, @Query('kind') kind?: string, @Query('status') status = 'open', @Query('limit') limit = '500',
  ): Promise<{ items: ReportDiscrepancy[] }> {
    if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) throw invalid(`kind must be one of ${KINDS.join(', ')}`);
    if (!(STATUSES as readonly string[]).includes(status)) throw invalid(`status must be one of ${STATUSES.join(', ')}`);
    const filter: DiscrepancyFilter = {
      ...this.dayFilter(provider, date), ...(kind ? { kind: kind as DiscrepancyKind } : {}), status: status as DiscrepancyFilter['status'], limit: limitOf(limit, 10_000),
    };
    return { items: await this.discrepancies.list(this.db, filter) };
  }

  /** The day's report: `format=json` (default) or `format=csv`. */
  @Get(':provider/:date')
  async report(
    @Param('provider') rawProvider: string, @Param('date') rawDate: string, @Query('format') format = 'json', @Res({ passthrough: true }) res: Response,
  ): Promise<SettlementDayReport | string> {
    const provider = parseProvider(rawProvider);
    const date = parseSettlementDate(rawDate, this.clock.now());
    if (format !== 'json' && format !== 'csv') throw invalid('format must be json or csv');
    const report = await this.reports.reportOf(this.db, provider, date);
    if (!report) throw new ReconciliationError('RECONCILIATION.NOT_FOUND', `no reconciliation run of ${provider} for ${date}`);
    if (format === 'json') return report;
    res.type('text/csv').attachment(`reconciliation-${provider}-${date}.csv`);
    return settlementDayCsv(report);
  }

  private dayFilter(provider: string | undefined, date: string | undefined): { provider?: ProviderName; date?: string } {
    return {
      ...(provider !== undefined ? { provider: parseProvider(provider) } : {}),
      ...(date !== undefined ? { date: parseSettlementDate(date, this.clock.now()) } : {}),
    };
  }
}
