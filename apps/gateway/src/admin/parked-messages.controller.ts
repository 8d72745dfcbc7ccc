import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestHash } from '../idempotency/request-hash';
import { requestIdOf } from '../request-id.middleware';
import { AdminActionService, sendAdminAnswer } from './admin-action.service';
import { ParkedMessageDto, ParkedMessageListDto, ParkedRetryDto } from './operations.dto';
import { ServiceHttpClient } from './service-http.client';
import { InternalService } from './service-urls.config';

/** The services that consume Kafka, and so may park messages (each serves GET /parked-messages on its own port). */
const CONSUMING: readonly InternalService[] = ['gateway', 'checkout', 'order-ledger', 'entitlements'];

/** Messages parked for a retry in every consuming service, and an operator's "retry now". */
@Controller('api/admin/parked-messages')
@AdminOnly()
@ApiTags('admin')
export class ParkedMessagesAdminController {
  constructor(
    private readonly services: ServiceHttpClient,
    private readonly actions: AdminActionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Parked messages of every consuming service, oldest first per service' })
  @ApiOkResponse({ type: ParkedMessageListDto })
  async list(): Promise<ParkedMessageListDto> {
    const answers = await Promise.all(CONSUMING.map(async (service) => {
      try {
        const listing = await this.services.json<{ items: Omit<ParkedMessageDto, 'service'>[] }>(service, '/parked-messages');
        return { service, items: (listing?.items ?? []).map((item) => ({ service, ...item })) };
      } catch {
        return { service, items: null };
      }
    }));
    return {
      items: answers.flatMap((answer) => answer.items ?? []),
      unavailable: answers.filter((answer) => answer.items === null).map((answer) => answer.service),
    };
  }

  @Post(':service/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a parked message due at once (it is retried as soon as it heads its key)' })
  @ApiParam({ name: 'service', enum: CONSUMING })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiOkResponse({ type: ParkedRetryDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PARKED_MESSAGE.NOT_FOUND' })
  async retry(
    @Req() request: AuthenticatedRequest, @Param('service') service: string, @Param('id') id: string, @IdempotencyKey() key: string, @Res() response: Response,
  ): Promise<void> {
    const owner = CONSUMING.find((name) => name === service);
    if (!owner || !/^\d{1,18}$/.test(id)) throw new GatewayError('REQUEST.INVALID', `service must be one of ${CONSUMING.join(', ')} and id a parked message id`);
    const answer = await this.actions.perform({
      admin: request.user, action: 'parked.retry', scope: 'parked.retry', subject: `parked:${owner}/${id}`, idempotencyKey: key,
      requestHash: requestHash({ service: owner, id }), request: { service: owner, id }, correlationId: requestIdOf(request),
      run: async () => {
        const done = await this.services.json<{ due: boolean }>(owner, `/parked-messages/${id}/retry`, 'POST');
        if (!done) throw new GatewayError('PARKED_MESSAGE.NOT_FOUND', `${owner} has no parked message ${id}`);
        const body: ParkedRetryDto = { service: owner, id, due: done.due };
        return { statusCode: 200, body: JSON.stringify(body) };
      },
    });
    sendAdminAnswer(response, answer);
  }
}
