import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE, InternalApi } from '@payments/nest-runtime';
import { OrderHistory, OrderHistoryRepository, SubscriptionHistory } from './order-history.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOf(id: string): string {
  if (!UUID.test(id)) throw new BadRequestException('id must be a UUID');
  return id.toLowerCase();
}

/**
 * An order's or a subscription's full event history and its ledger journals, on order-ledger's own
 * port (not the public gateway; the gateway's admin API reads it for the operations console).
 */
@Controller()
@InternalApi()
export class OrderHistoryController {
  private readonly history = new OrderHistoryRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get('orders/:id/history')
  async order(@Param('id') id: string): Promise<OrderHistory> {
    const history = await this.history.historyOf(this.db, uuidOf(id));
    if (!history) throw new NotFoundException(`no order ${id}`);
    return history;
  }

  @Get('subscriptions/:id/history')
  async subscription(@Param('id') id: string): Promise<SubscriptionHistory> {
    const history = await this.history.subscriptionHistoryOf(this.db, uuidOf(id));
    if (!history) throw new NotFoundException(`no subscription ${id}`);
    return history;
  }
}
