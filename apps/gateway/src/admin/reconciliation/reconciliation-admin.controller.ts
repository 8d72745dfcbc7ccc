import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '../../auth/auth.decorators';
import { AuthenticatedRequest } from '../../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../../error-response.dto';
import { GatewayError, GatewayErrorCode } from '../../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../../idempotency/idempotency-key.decorator';
import { requestHash } from '../../idempotency/request-hash';
import { requestIdOf } from '../../request-id.middleware';
import { uuidParam } from '../../uuid-param.pipe';
import { AdminActionService, sendAdminAnswer } from '../admin-action.service';
import { ServiceAnswer, ServiceHttpClient } from '../service-http.client';
import {
  DiscrepancyListDto, DiscrepancyQueryDto, DisputeListQueryDto, DisputedOrderListDto, OrderDisputesDto, ReconciliationRunDto, ReconciliationRunListDto,
  ReconciliationRunQueryDto, ReportQueryDto, SETTLEMENT_PROVIDERS, StartReconciliationDto,
} from './reconciliation-admin.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The query string of the given filters, those set only. */
function queryOf(filters: object): string {
  const entries = Object.entries(filters).filter(([, value]) => value !== undefined).map(([key, value]): [string, string] => [key, String(value)]);
  return entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
}

/**
 * order-ledger's answer as the gateway's: a 2xx is passed on; its 400 (a day in the future, say) is
 * REQUEST.INVALID with its message, its 404 the given not-found code. The gateway validates what it
 * can first, so these are order-ledger's own rules.
 */
function relayed(answer: ServiceAnswer, notFound: GatewayErrorCode): ServiceAnswer {
  if (answer.status < 300) return answer;
  const message = ((): string => {
    try {
      return String((JSON.parse(answer.text) as { message?: unknown }).message ?? answer.text);
    } catch {
      return answer.text;
    }
  })();
  if (answer.status === 404) throw new GatewayError(notFound, message);
  if (answer.status === 400) throw new GatewayError('REQUEST.INVALID', message);
  throw new GatewayError('SERVICE.UNAVAILABLE', `order-ledger answered ${answer.status}`);
}

const json = <T>(answer: ServiceAnswer): T => JSON.parse(answer.text) as T;

/**
 * Settlement reconciliation and disputes for operators and finance, on the public admin API: the
 * runs, discrepancies and day reports order-ledger keeps (it owns the ledger they are matched
 * against), and a run on demand, idempotent and audited like every admin action.
 */
@Controller('api/admin')
@AdminOnly()
@ApiTags('admin')
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID' })
export class ReconciliationAdminController {
  constructor(
    private readonly services: ServiceHttpClient,
    private readonly actions: AdminActionService,
  ) {}

  @Post('reconciliation/runs')
  @HttpCode(202)
  @ApiOperation({ summary: "Reconcile a provider's settlement day now; follow the run at GET reconciliation/runs/{runId}" })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiAcceptedResponse({ type: ReconciliationRunDto, description: 'The run, requested; a replay of the same key and body returns the stored answer' })
  async start(@Req() request: AuthenticatedRequest, @Body() body: StartReconciliationDto, @IdempotencyKey() key: string, @Res() response: Response): Promise<void> {
    const day = { provider: body.provider, date: body.date };
    const answer = await this.actions.perform({
      admin: request.user, action: 'reconciliation.run', scope: 'reconciliation.run', subject: `reconciliation:${day.provider}:${day.date}`, idempotencyKey: key,
      requestHash: requestHash(day), request: day, correlationId: requestIdOf(request),
      run: async () => {
        const started = relayed(await this.services.call('order-ledger', '/reconciliation/runs', 'POST', day), 'RECONCILIATION.NOT_FOUND');
        return { statusCode: 202, body: started.text };
      },
    });
    sendAdminAnswer(response, answer);
  }

  @Get('reconciliation/runs')
  @ApiOperation({ summary: 'Reconciliation runs, newest first' })
  @ApiOkResponse({ type: ReconciliationRunListDto })
  async runs(@Query() query: ReconciliationRunQueryDto): Promise<ReconciliationRunListDto> {
    return json(relayed(await this.services.call('order-ledger', `/reconciliation/runs${queryOf(query)}`), 'RECONCILIATION.NOT_FOUND'));
  }

  @Get('reconciliation/runs/:runId')
  @ApiOperation({ summary: 'One run: requested, fetched, then reconciled (with its counts) or failed (with its error)' })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'RECONCILIATION.NOT_FOUND' })
  async run(@Param('runId', uuidParam('runId')) runId: string): Promise<ReconciliationRunDto> {
    return json(relayed(await this.services.call('order-ledger', `/reconciliation/runs/${runId}`), 'RECONCILIATION.NOT_FOUND'));
  }

  @Get('reconciliation/discrepancies')
  @ApiOperation({ summary: 'Discrepancies: open by default; status, provider, date and kind narrow it' })
  @ApiOkResponse({ type: DiscrepancyListDto })
  async discrepancies(@Query() query: DiscrepancyQueryDto): Promise<DiscrepancyListDto> {
    return json(relayed(await this.services.call('order-ledger', `/reconciliation/discrepancies${queryOf(query)}`), 'RECONCILIATION.NOT_FOUND'));
  }

  @Get('reconciliation/reports/:provider/:date')
  @ApiOperation({ summary: "A provider's settlement day: its runs, payouts, lines with what each matched or raised, discrepancies and totals per currency (JSON, or CSV to download)" })
  @ApiParam({ name: 'provider', enum: SETTLEMENT_PROVIDERS })
  @ApiParam({ name: 'date', example: '2026-12-01' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'The day report (JSON), or its CSV: one row per payout, line and discrepancy' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'RECONCILIATION.NOT_FOUND: no run of that day yet' })
  async report(@Param('provider') provider: string, @Param('date') date: string, @Query() query: ReportQueryDto, @Res() response: Response): Promise<void> {
    if (!(SETTLEMENT_PROVIDERS as readonly string[]).includes(provider)) throw new GatewayError('REQUEST.INVALID', `provider must be one of ${SETTLEMENT_PROVIDERS.join(', ')}`);
    if (!DAY.test(date)) throw new GatewayError('REQUEST.INVALID', 'date must be a calendar day as YYYY-MM-DD');
    const format = query.format ?? 'json';
    const answer = relayed(await this.services.call('order-ledger', `/reconciliation/${provider}/${date}?format=${format}`), 'RECONCILIATION.NOT_FOUND');
    if (format === 'csv') response.type('text/csv').attachment(`reconciliation-${provider}-${date}.csv`);
    else response.type('application/json');
    response.status(200).send(answer.text);
  }

  @Get('disputes')
  @ApiOperation({ summary: 'Orders with a dispute, newest change first (stage: the latest stage of the latest dispute)' })
  @ApiOkResponse({ type: DisputedOrderListDto })
  async disputes(@Query() query: DisputeListQueryDto): Promise<DisputedOrderListDto> {
    return json(relayed(await this.services.call('order-ledger', `/disputes${queryOf(query)}`), 'DISPUTE.NOT_FOUND'));
  }

  @Get('orders/:orderId/disputes')
  @ApiOperation({ summary: "An order's disputes as its stream decides them, with the admin actions taken on each" })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiOkResponse({ type: OrderDisputesDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORDER.NOT_FOUND' })
  async orderDisputes(@Param('orderId', uuidParam('orderId')) orderId: string): Promise<OrderDisputesDto> {
    return json(relayed(await this.services.call('order-ledger', `/orders/${orderId}/disputes`), 'ORDER.NOT_FOUND'));
  }
}
