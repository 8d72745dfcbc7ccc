import { Body, Controller, Headers, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedRequest, JwtAuthGuard } from '../auth/jwt-auth.guard';
import { canonicalHash, requireIdempotencyKey } from '../idempotency-key';
import { requestIdOf } from '../request-id.middleware';
import { CheckoutRequestDto } from './checkout-request.dto';
import { CheckoutRequester } from './checkout-replies';

/** sha256 of the request as checkout sees it: same key + a different hash is a 422 there. */
export function requestHashOf(dto: CheckoutRequestDto): string {
  return canonicalHash({
    productId: dto.productId,
    quantity: dto.quantity ?? 1,
    currency: dto.currency,
    couponCode: dto.couponCode,
    provider: dto.provider,
  });
}

@Controller('api/payments')
@UseGuards(JwtAuthGuard)
@ApiBearerAuth()
export class CheckoutController {
  constructor(private readonly checkout: CheckoutRequester) {}

  @Post('checkout')
  @ApiOperation({ summary: 'Price a purchase server-side and open a payment session' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '1-255 printable ASCII characters, unique per purchase attempt' })
  async open(
    @Req() request: AuthenticatedRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() dto: CheckoutRequestDto,
    @Res() response: Response,
  ): Promise<void> {
    const key = requireIdempotencyKey(idempotencyKey);
    const reply = await this.checkout.request(
      {
        userId: request.user.id,
        idempotencyKey: key,
        requestHash: requestHashOf(dto),
        productId: dto.productId,
        quantity: dto.quantity ?? 1,
        ...(dto.currency ? { currency: dto.currency } : {}),
        ...(dto.couponCode ? { couponCode: dto.couponCode } : {}),
        ...(dto.provider ? { providerPreference: dto.provider } : {}),
        ...(request.user.email ? { customerEmail: request.user.email } : {}),
      },
      requestIdOf(request),
    );
    // The stored body, byte for byte: a replay is indistinguishable from the first answer.
    response.status(reply.statusCode).type('application/json').send(reply.body);
  }
}
