import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { OrderHistory, OrderHistoryRepository } from './order-history.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An order's full event history and its ledger journals, on order-ledger's own port (not the
 * public gateway; the gateway's admin API reads it for the operations console).
 */
@Controller('orders')
export class OrderHistoryController {
  private readonly history = new OrderHistoryRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get(':id/history')
  async one(@Param('id') id: string): Promise<OrderHistory> {
    if (!UUID.test(id)) throw new BadRequestException('id must be a UUID');
    const history = await this.history.historyOf(this.db, id.toLowerCase());
    if (!history) throw new NotFoundException(`no order ${id}`);
    return history;
  }
}
