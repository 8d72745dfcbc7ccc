import { Body, Controller, Headers, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminGuard, AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { requireIdempotencyKey } from '../idempotency-key';
import { requestIdOf } from '../request-id.middleware';
import { RefundRequestDto } from './refund-request.dto';
import { RequestRefundService } from './request-refund.service';

@Controller('api/orders')
@UseGuards(AdminGuard)
@ApiBearerAuth()
export class RefundsController {
  constructor(private readonly refunds: RequestRefundService) {}

  @Post(':id/refunds')
  @ApiOperation({ summary: 'Request a refund of a paid order (admin); amount omitted = the whole remainder' })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  async request(
    @Req() request: AuthenticatedRequest,
    @Param('id', new ParseUUIDPipe()) orderId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: RefundRequestDto,
    @Res() response: Response,
  ): Promise<void> {
    const reply = await this.refunds.request({
      adminId: request.user.id,
      idempotencyKey: requireIdempotencyKey(idempotencyKey),
      orderId,
      amountMinor: dto.amountMinor,
      reason: dto.reason,
      correlationId: requestIdOf(request),
    });
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }
}
