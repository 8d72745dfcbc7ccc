import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../error-response.dto';
import { GatewayError } from '../gateway.error';
import { PAYMENT_FAILURES, paymentFailure } from './payment-failure.catalog';

class PaymentFailureDto {
  @ApiProperty({ example: 'PAYMENT.DECLINED' }) code!: string;
  @ApiProperty({ example: 'The bank or card issuer declined the payment.', description: 'What an order shows as `lastFailure`' }) message!: string;
  @ApiProperty({ description: 'What happened' }) meaning!: string;
  @ApiProperty({ description: 'What the payer can do about it' }) payerAction!: string;
}

/** The failure codes orders show (`lastFailureCode`): read-only reference, the same for everyone, so no token is needed. */
@Controller('api/payment-failures')
@ApiTags('payments')
export class PaymentFailuresController {
  @Get(':code')
  @ApiOperation({ summary: 'What a payment failure code means and what the payer can do' })
  @ApiParam({ name: 'code', enum: Object.keys(PAYMENT_FAILURES), example: 'PAYMENT.DECLINED' })
  @ApiOkResponse({ type: PaymentFailureDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'PAYMENT_FAILURE.NOT_FOUND: not one of our failure codes' })
  describe(@Param('code') code: string): PaymentFailureDto {
    const failure = paymentFailure(code);
    if (!failure) throw new GatewayError('PAYMENT_FAILURE.NOT_FOUND', 'no such payment failure code');
    return { code, ...failure };
  }
}
