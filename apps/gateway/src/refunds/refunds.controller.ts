import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiParam, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestIdOf } from '../request-id.middleware';
import { uuidParam } from '../uuid-param.pipe';
import { RefundAcceptedDto, RefundRequestDto } from './refund-request.dto';
import { RequestRefundService } from './request-refund.service';

@Controller('api/orders')
@AdminOnly()
@ApiTags('refunds')
export class RefundsController {
  constructor(private readonly refunds: RequestRefundService) {}

  @Post(':id/refunds')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for (part of) a paid order to be refunded; order-ledger and the provider carry it out' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiAcceptedResponse({ type: RefundAcceptedDto, description: 'Requested; a replay of the same key and body returns the stored answer byte for byte (Idempotent-Replayed: true)' })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID, IDEMPOTENCY.KEY_MISSING, IDEMPOTENCY.KEY_INVALID' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORDER.NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'ORDER.NOT_REFUNDABLE, IDEMPOTENCY.IN_FLIGHT' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'REFUND.EXCEEDS_REMAINDER, IDEMPOTENCY.KEY_REUSED' })
  async request(
    @Req() request: AuthenticatedRequest,
    @Param('id', uuidParam('id')) orderId: string,
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: RefundRequestDto,
    @Res() response: Response,
  ): Promise<void> {
    const answer = await this.refunds.request({ admin: request.user, orderId, idempotencyKey, request: body, correlationId: requestIdOf(request) });
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(answer.statusCode).type('application/json').send(answer.body);
  }
}
