import { BadRequestException, NotFoundException } from '@nestjs/common';
import { fromHttpException } from './http-error.filter';

describe("Nest's own refusals as the gateway answers them", () => {
  it('names the offending properties without echoing personal data a hostile body put in their names', () => {
    const refusal = new BadRequestException(['property 4111111111111111 should not exist', 'property asha@example.com should not exist']);
    expect(fromHttpException(refusal)).toEqual({
      error: {
        code: 'REQUEST.INVALID',
        message: 'property [REDACTED_PAN] should not exist; property [REDACTED_EMAIL] should not exist',
        details: ['property [REDACTED_PAN] should not exist', 'property [REDACTED_EMAIL] should not exist'],
      },
    });
  });

  it('keeps a single message as it is when it holds nothing personal', () => {
    expect(fromHttpException(new NotFoundException('Cannot GET /api/nothing'))).toEqual({ error: { code: 'NOT_FOUND', message: 'Cannot GET /api/nothing' } });
  });
});
