import { Controller, Get, Inject, NotFoundException, Param, ParseUUIDPipe, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { Database } from '@payments/persistence';
import { DATABASE } from '@payments/nest-runtime';
import { AuthenticatedRequest, JwtAuthGuard } from '../auth/jwt-auth.guard';

interface OrderRow {
  order_id: string; user_id: string; status: string; amount_minor: string; currency: string; provider: string;
  lines: unknown; breakdown: unknown; invoice_number: string | null; needs_review: boolean; last_failure: string | null;
  placed_at: Date | null; paid_at: Date | null; updated_at: Date;
}

function toView(row: OrderRow) {
  return {
    orderId: row.order_id,
    userId: row.user_id,
    status: row.status,
    amountMinor: Number(row.amount_minor),
    currency: row.currency.trim(),
    provider: row.provider,
    lines: row.lines,
    breakdown: row.breakdown,
    invoiceNumber: row.invoice_number,
    needsReview: row.needs_review,
    lastFailure: row.last_failure,
    placedAt: row.placed_at,
    paidAt: row.paid_at,
    updatedAt: row.updated_at,
  };
}

const isAdmin = (request: AuthenticatedRequest) => request.user.roles.includes('admin');

/** Orders and entitlements from the gateway's own read models. Another user's order is a 404. */
@Controller('api')
@UseGuards(JwtAuthGuard)
@ApiBearerAuth()
export class OrdersController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get('orders/:id')
  @ApiOperation({ summary: 'One order of the caller (admins: any order)' })
  async one(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string) {
    const rows = await this.db.query<OrderRow>(`SELECT * FROM gateway.orders WHERE order_id = $1`, [id]);
    if (rows.length === 0 || (!isAdmin(request) && rows[0].user_id !== request.user.id)) {
      throw new NotFoundException({ error: { code: 'ORDER.NOT_FOUND', message: `no order ${id}` } });
    }
    return toView(rows[0]);
  }

  @Get('orders')
  @ApiOperation({ summary: "The caller's orders, newest first (admins: all orders)" })
  async list(@Req() request: AuthenticatedRequest) {
    const rows = isAdmin(request)
      ? await this.db.query<OrderRow>(`SELECT * FROM gateway.orders ORDER BY placed_at DESC NULLS LAST LIMIT 200`)
      : await this.db.query<OrderRow>(`SELECT * FROM gateway.orders WHERE user_id = $1 ORDER BY placed_at DESC NULLS LAST LIMIT 200`, [request.user.id]);
    return { orders: rows.map(toView) };
  }

  @Get('entitlements')
  @ApiOperation({ summary: "The caller's entitlements" })
  async entitlements(@Req() request: AuthenticatedRequest) {
    const rows = await this.db.query<{ entitlement_id: string; product_id: string; kind: string; order_id: string; granted_at: Date }>(
      `SELECT * FROM gateway.entitlements WHERE user_id = $1 ORDER BY granted_at`,
      [request.user.id],
    );
    return {
      entitlements: rows.map((row) => ({
        entitlementId: row.entitlement_id, productId: row.product_id, kind: row.kind, orderId: row.order_id, grantedAt: row.granted_at,
      })),
    };
  }
}
