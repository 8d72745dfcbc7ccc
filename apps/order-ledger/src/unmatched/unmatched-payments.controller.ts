import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { Database } from '@payments/persistence';
import { DATABASE, InternalApi } from '@payments/nest-runtime';
import { UnmatchedFactsRepository, UnmatchedFactsRow } from './unmatched-facts.repository';

const WHICH = ['open', 'surfaced', 'all'] as const;

/**
 * The operator's listing of provider facts without their order (order-ledger's own port, not the
 * public gateway): `open` (default) still without an order, `surfaced` past the window, `all`.
 */
@Controller('unmatched-payments')
@InternalApi()
export class UnmatchedPaymentsController {
  private readonly rows = new UnmatchedFactsRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  async list(@Query('status') status = 'open', @Query('limit') limit = '100'): Promise<{ items: UnmatchedFactsRow[] }> {
    if (!(WHICH as readonly string[]).includes(status)) throw new BadRequestException(`status must be one of ${WHICH.join(', ')}`);
    const max = Number(limit);
    if (!Number.isInteger(max) || max < 1 || max > 1000) throw new BadRequestException('limit must be an integer from 1 to 1000');
    return { items: await this.rows.list(this.db, status as (typeof WHICH)[number], max) };
  }
}
