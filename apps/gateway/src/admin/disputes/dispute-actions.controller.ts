import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '../../auth/auth.decorators';
import { AuthenticatedRequest } from '../../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../../error-response.dto';
import { GatewayError } from '../../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../../idempotency/idempotency-key.decorator';
import { requestIdOf } from '../../request-id.middleware';
import { uuidParam } from '../../uuid-param.pipe';
import { sendAdminAnswer } from '../admin-action.service';
import { DISPUTE_ID } from './dispute-action-identity';
import { AcceptDisputeDto, DisputeActionAcceptedDto, DisputeEvidenceDto } from './dispute-action.dto';
import { DisputeActionCommand, RequestDisputeActionService } from './request-dispute-action.service';

function disputeIdOf(raw: string): string {
  if (!DISPUTE_ID.test(raw)) throw new GatewayError('REQUEST.INVALID', 'disputeId must be the provider dispute id (1-255 letters, digits, _ . : -)');
  return raw;
}

/** An admin's actions on an open dispute of an order: accept it (closed lost), or contest it with evidence. */
@Controller('api/admin/orders/:orderId/disputes/:disputeId')
@AdminOnly()
@ApiTags('admin')
@ApiParam({ name: 'orderId', format: 'uuid' })
@ApiParam({ name: 'disputeId', description: 'The provider dispute id (Stripe du_..., Cashfree dispute_id)' })
@ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
@ApiAcceptedResponse({ type: DisputeActionAcceptedDto, description: 'Requested; a replay of the same key and body returns the stored answer (Idempotent-Replayed: true)' })
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID, IDEMPOTENCY.KEY_MISSING, IDEMPOTENCY.KEY_INVALID' })
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'ORDER.NOT_FOUND, DISPUTE.NOT_FOUND' })
@ApiConflictResponse({ type: ErrorResponseDto, description: 'DISPUTE.CLOSED (won or lost already), IDEMPOTENCY.IN_FLIGHT' })
@ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'IDEMPOTENCY.KEY_REUSED' })
export class DisputeActionsController {
  constructor(private readonly disputes: RequestDisputeActionService) {}

  @Post('accept')
  @HttpCode(202)
  @ApiOperation({ summary: 'Accept the dispute: the provider closes it lost (the funds stay withdrawn)' })
  async accept(
    @Req() request: AuthenticatedRequest, @Param('orderId', uuidParam('orderId')) orderId: string, @Param('disputeId') disputeId: string,
    @IdempotencyKey() idempotencyKey: string, @Body() _body: AcceptDisputeDto, @Res() response: Response,
  ): Promise<void> {
    await this.perform(request, response, { orderId, disputeId: disputeIdOf(disputeId), action: 'accept', idempotencyKey });
  }

  @Post('evidence')
  @HttpCode(202)
  @ApiOperation({ summary: 'Contest the dispute: submit the explanation as evidence to the provider' })
  async evidence(
    @Req() request: AuthenticatedRequest, @Param('orderId', uuidParam('orderId')) orderId: string, @Param('disputeId') disputeId: string,
    @IdempotencyKey() idempotencyKey: string, @Body() body: DisputeEvidenceDto, @Res() response: Response,
  ): Promise<void> {
    await this.perform(request, response, { orderId, disputeId: disputeIdOf(disputeId), action: 'submit-evidence', explanation: body.explanation, idempotencyKey });
  }

  private async perform(
    request: AuthenticatedRequest, response: Response, command: Omit<DisputeActionCommand, 'admin' | 'correlationId'>,
  ): Promise<void> {
    sendAdminAnswer(response, await this.disputes.request({ ...command, admin: request.user, correlationId: requestIdOf(request) }));
  }
}
