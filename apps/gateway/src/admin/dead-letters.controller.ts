import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Kafka } from 'kafkajs';
import { KAFKA } from '@payments/nest-runtime';
import { UnknownTopicError, assertTopicsExist, deadLetterReplayGroup, listDeadLetters, originalTopicOf, replayDeadLetters } from '@payments/messaging';
import { deadLetterTopic } from '@payments/contracts';
import { redactText } from '@payments/observability';
import { AdminOnly } from '../auth/auth.decorators';
import { AuthenticatedRequest } from '../auth/jwt-auth.guard';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { IDEMPOTENCY_KEY_HEADER_DOC, IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestHash } from '../idempotency/request-hash';
import { requestIdOf } from '../request-id.middleware';
import { AdminActionService, sendAdminAnswer } from './admin-action.service';
import { DeadLetterListDto, DeadLetterReplayDto } from './operations.dto';

const TOPIC = /^[A-Za-z0-9._-]{1,200}$/;

/** The dead-letter topics (libs/messaging's reader and replayer, as `npm run dlq` uses them). */
@Controller('api/admin/dead-letters')
@AdminOnly()
@ApiTags('admin')
export class DeadLettersController {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly actions: AdminActionService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What every <topic>.dlq holds, and whether each was replayed; reading changes nothing' })
  @ApiOkResponse({ type: DeadLetterListDto })
  async list(): Promise<DeadLetterListDto> {
    const listings = await listDeadLetters(this.kafka, { stallMs: 10_000 });
    return {
      topics: listings.map((listing) => ({
        ...listing,
        deadLetters: listing.deadLetters.map((letter) => ({ ...letter, error: letter.error === null ? null : redactText(letter.error) })),
      })),
    };
  }

  @Post(':topic/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-publish the dead letters of a topic not replayed yet; consumers skip what they applied before' })
  @ApiParam({ name: 'topic', example: 'orders.commands' })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER_DOC)
  @ApiOkResponse({ type: DeadLetterReplayDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'DEAD_LETTER.TOPIC_NOT_FOUND' })
  async replay(@Req() request: AuthenticatedRequest, @Param('topic') name: string, @IdempotencyKey() key: string, @Res() response: Response): Promise<void> {
    if (!TOPIC.test(name)) throw new GatewayError('REQUEST.INVALID', 'topic must be a Kafka topic name');
    const topic = originalTopicOf(name);
    try {
      await assertTopicsExist(this.kafka, [topic, deadLetterTopic(topic)]);
    } catch (error) {
      if (error instanceof UnknownTopicError) throw new GatewayError('DEAD_LETTER.TOPIC_NOT_FOUND', `no dead-letter topic for ${topic}`);
      throw error;
    }
    const answer = await this.actions.perform({
      admin: request.user, action: 'dead-letters.replay', scope: 'dead-letters.replay', subject: `topic:${topic}`, idempotencyKey: key,
      requestHash: requestHash({ topic }), request: { topic }, correlationId: requestIdOf(request),
      run: async () => {
        const replayed = await replayDeadLetters(this.kafka, { topic, groupId: deadLetterReplayGroup(topic) });
        const body: DeadLetterReplayDto = { topic, replayed };
        return { statusCode: 200, body: JSON.stringify(body) };
      },
    });
    sendAdminAnswer(response, answer);
  }
}
