import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE, InternalApi } from '@payments/nest-runtime';
import { OrderStreamRepository } from '../order-stream.repository';
import { DisputeRecord } from './domain/dispute.events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface OrderDisputeView {
  readonly disputeId: string;
  /** `none`: only status updates came so far. */
  readonly stage: DisputeRecord['stage'];
  readonly status: string;
  readonly providerPaymentId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly feeMinor: number;
  readonly inquiry: boolean;
  readonly respondBy: string | null;
  readonly actions: DisputeRecord['actions'];
}

export interface OrderDisputes {
  readonly orderId: string;
  readonly userId: string;
  readonly provider: string;
  readonly disputes: OrderDisputeView[];
  /** Reports that came before the order was paid, not decided yet. */
  readonly awaitingPayment: number;
}

/**
 * An order's disputes as its stream decides them, on order-ledger's own port: the gateway's admin
 * API checks an admin's dispute action against it (unknown order or dispute, dispute closed).
 */
@Controller('orders')
@InternalApi()
export class OrderDisputesController {
  private readonly streams = new OrderStreamRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get(':id/disputes')
  async disputes(@Param('id') id: string): Promise<OrderDisputes> {
    if (!UUID.test(id)) throw new BadRequestException('id must be a UUID');
    const { state } = await this.streams.load(this.db, id.toLowerCase());
    if (state.status === 'Initial') throw new NotFoundException(`no order ${id}`);
    return {
      orderId: state.orderId,
      userId: state.userId,
      provider: state.provider,
      disputes: state.disputes.map(({ seenProviderEventIds: _seen, respondBy, ...dispute }) => ({ ...dispute, respondBy: respondBy ?? null })),
      awaitingPayment: state.disputesAwaitingPayment.length,
    };
  }
}

export interface DisputedOrderView {
  readonly orderId: string;
  readonly userId: string;
  readonly provider: string;
  readonly status: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly paidMinor: number;
  readonly refundedMinor: number;
  /** The latest stage of the order's latest dispute with money. */
  readonly disputeStage: 'opened' | 'won' | 'lost';
  readonly updatedAt: string;
}

const STAGES = ['opened', 'won', 'lost', 'all'] as const;
const PROVIDERS = ['stripe', 'cashfree'] as const;

/** Orders with a dispute, from the order summaries (newest change first), for the admin console's dispute list. */
@Controller('disputes')
@InternalApi()
export class DisputedOrdersController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  async list(@Query('stage') stage = 'all', @Query('provider') provider?: string, @Query('limit') rawLimit = '200'): Promise<{ items: DisputedOrderView[] }> {
    if (!(STAGES as readonly string[]).includes(stage)) throw new BadRequestException(`stage must be one of ${STAGES.join(', ')}`);
    if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) throw new BadRequestException(`provider must be one of ${PROVIDERS.join(', ')}`);
    const limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    const rows = await this.db.query<{
      order_id: string; user_id: string; provider: string; status: string; amount_minor: string; currency: string; paid_minor: string; refunded_minor: string;
      dispute_status: DisputedOrderView['disputeStage']; updated_at: Date;
    }>(
      `SELECT order_id, user_id, provider, status, amount_minor, currency, paid_minor, refunded_minor, dispute_status, updated_at
         FROM order_ledger.order_summaries
        WHERE dispute_status IS NOT NULL AND ($1::text = 'all' OR dispute_status = $1) AND ($2::text IS NULL OR provider = $2)
        ORDER BY updated_at DESC, order_id
        LIMIT $3`,
      [stage, provider ?? null, limit],
    );
    return {
      items: rows.map((row) => ({
        orderId: row.order_id, userId: row.user_id, provider: row.provider, status: row.status, amountMinor: Number(row.amount_minor), currency: row.currency,
        paidMinor: Number(row.paid_minor), refundedMinor: Number(row.refunded_minor), disputeStage: row.dispute_status, updatedAt: row.updated_at.toISOString(),
      })),
    };
  }
}
