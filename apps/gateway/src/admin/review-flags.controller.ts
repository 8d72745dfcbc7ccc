import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, Clock, DATABASE } from '@payments/nest-runtime';
import { Database } from '@payments/persistence';
import { AdminOnly } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestHash } from '../idempotency/request-hash';
import { OrderReadModel } from '../orders/order-read-model.repository';
import { requestIdOf } from '../request-id.middleware';
import { uuidParam } from '../uuid-param.pipe';
import { searchOrders } from './admin-orders.query';
import { AdminActionService, sendAdminAnswer } from './admin-action.service';
import { ReviewKind, ReviewResolutionsRepository } from './review-resolutions.repository';
import { ResolveReviewDto, ReviewFlagListDto, ReviewListQueryDto, ReviewResolutionDto, UnmatchedPaymentDto, UnmatchedPaymentListDto } from './review-flags.dto';
import { ServiceHttpClient } from './service-http.client';

type State = 'open' | 'resolved' | 'all';
const keep = (state: State, resolved: boolean) => state === 'all' || (state === 'resolved') === resolved;

/**
 * Review flags (orders order-ledger flagged: mismatched amounts, payments after expiry, duplicate
 * payments...) and unmatched payments (order-ledger's listing of provider facts without an order),
 * each with a resolve action that is recorded, idempotent and audited like every admin action.
 */
@Controller('api/admin')
@AdminOnly()
@ApiTags('admin')
export class ReviewFlagsController {
  private readonly resolutions = new ReviewResolutionsRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly readModel: OrderReadModel,
    private readonly services: ServiceHttpClient,
    private readonly actions: AdminActionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('review-flags')
  @ApiOperation({ summary: 'Orders flagged for manual review, open (default), resolved or all' })
  @ApiOkResponse({ type: ReviewFlagListDto })
  async flags(@Query() query: ReviewListQueryDto): Promise<ReviewFlagListDto> {
    const orders = await searchOrders(this.db, { needsReview: true, limit: 500 });
    const resolved = await this.resolutions.of(this.db, 'order', orders.map((order) => order.orderId));
    return {
      flags: orders.map((order) => ({ order, resolution: resolved.get(order.orderId) ?? null })).filter((flag) => keep(query.state ?? 'open', flag.resolution !== null)),
    };
  }

  @Get('unmatched-payments')
  @ApiOperation({ summary: "Provider payments without their order (order-ledger's listing): open (default: no order and not resolved), resolved or all" })
  @ApiOkResponse({ type: UnmatchedPaymentListDto })
  async unmatched(@Query() query: ReviewListQueryDto): Promise<UnmatchedPaymentListDto> {
    const items = await this.unmatchedListing();
    const resolved = await this.resolutions.of(this.db, 'unmatched', items.map((item) => item.orderId));
    const state = query.state ?? 'open';
    return {
      items: items.map((item) => ({ ...item, resolution: resolved.get(item.orderId) ?? null }))
        .filter((item) => (state === 'open' ? item.resolution === null && item.matchedAt === null : keep(state, item.resolution !== null))),
    };
  }

  @Post('review-flags/:orderId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the decision on a flagged order (it moves no money: refunds do); the first resolution stands" })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiOkResponse({ type: ReviewResolutionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'REVIEW_FLAG.NOT_FOUND: no flagged order with that id' })
  async resolveFlag(
    @Req() request: AuthenticatedRequest, @Param('orderId', uuidParam('orderId')) orderId: string, @IdempotencyKey() key: string,
    @Body() body: ResolveReviewDto, @Res() response: Response,
  ): Promise<void> {
    await this.resolve(request, 'order', orderId.toLowerCase(), key, body, response, async (id) => {
      const order = await this.readModel.findById(id);
      if (!order?.needsReview) throw new GatewayError('REVIEW_FLAG.NOT_FOUND', `order ${id} is not flagged for review`);
    });
  }

  @Post('unmatched-payments/:orderId/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the decision on an unmatched payment (refunded at the provider, order found elsewhere...); the first resolution stands' })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiOkResponse({ type: ReviewResolutionDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'UNMATCHED_PAYMENT.NOT_FOUND' })
  async resolveUnmatched(
    @Req() request: AuthenticatedRequest, @Param('orderId', uuidParam('orderId')) orderId: string, @IdempotencyKey() key: string,
    @Body() body: ResolveReviewDto, @Res() response: Response,
  ): Promise<void> {
    await this.resolve(request, 'unmatched', orderId.toLowerCase(), key, body, response, async (id) => {
      if (!(await this.unmatchedListing()).some((item) => item.orderId === id)) {
        throw new GatewayError('UNMATCHED_PAYMENT.NOT_FOUND', `no unmatched payment for order id ${id}`);
      }
    });
  }

  private async unmatchedListing(): Promise<Omit<UnmatchedPaymentDto, 'resolution'>[]> {
    const listing = await this.services.json<{ items: Omit<UnmatchedPaymentDto, 'resolution'>[] }>('order-ledger', '/unmatched-payments?status=all&limit=1000');
    return listing?.items ?? [];
  }

  private async resolve(
    request: AuthenticatedRequest, kind: ReviewKind, subjectId: string, idempotencyKey: string, body: ResolveReviewDto, response: Response,
    assertExists: (id: string) => Promise<void>,
  ): Promise<void> {
    await assertExists(subjectId);
    const answer = await this.actions.perform({
      admin: request.user, action: `${kind === 'order' ? 'review' : 'unmatched'}.resolve`, scope: `resolve:${kind}`, subject: `${kind}:${subjectId}`,
      idempotencyKey, requestHash: requestHash({ kind, subjectId, note: body.note }), request: { note: body.note }, correlationId: requestIdOf(request),
      run: async (sql) => {
        const resolution = await this.resolutions.resolve(sql, { kind, subjectId, resolvedBy: request.user.id, note: body.note, resolvedAt: this.clock.now() });
        return { statusCode: 200, body: JSON.stringify(resolution) };
      },
    });
    sendAdminAnswer(response, answer);
  }
}
