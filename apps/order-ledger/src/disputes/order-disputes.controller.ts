import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
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
