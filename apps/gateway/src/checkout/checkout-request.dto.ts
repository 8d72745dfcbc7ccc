import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { OrderLineDto, PriceBreakdownDto } from '../orders/order-view.dto';

/** What the frontend may say about a purchase. Never an amount: unknown properties are a 400. */
export class CheckoutRequestDto {
  @ApiProperty({ example: 'course-typescript-101', description: 'A course or plan id from the catalog' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'productId must be a catalog id (lower-case letters, digits, dashes)' })
  productId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  quantity?: number;

  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD or INR' })
  currency?: string;

  @ApiPropertyOptional({ example: 'LAUNCH10', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'couponCode must be 1-64 letters, digits, dashes or underscores' })
  couponCode?: string;

  @ApiPropertyOptional({ enum: ['stripe', 'cashfree'] })
  @IsOptional()
  @IsIn(['stripe', 'cashfree'])
  provider?: 'stripe' | 'cashfree';
}

class CheckoutBreakdownDto extends PriceBreakdownDto {
  @ApiProperty({ nullable: true, type: String, example: 'LAUNCH20' }) couponCode!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'GST 18%' }) taxLabel!: string | null;
}

class PaymentHandoffDto {
  @ApiProperty({ example: 'pi_3Nabc', description: "The provider's id: Stripe PaymentIntent, Cashfree order" }) providerReference!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Stripe: for Stripe.js confirmCardPayment / Payment Element' }) clientSecret!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'A hosted page to send the browser to, when the provider has one' }) redirectUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Cashfree: the JS SDK's payment_session_id" }) paymentSessionId!: string | null;
}

/** 201: the order, priced by the server, and what the frontend needs to take the payment. */
export class CheckoutResponseDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'pending' }) status!: string;
  @ApiProperty({ enum: ['stripe', 'cashfree'] }) provider!: string;
  @ApiProperty({ example: 1900, description: 'Server-computed total, integer minor units' }) amountMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [OrderLineDto] }) lines!: OrderLineDto[];
  @ApiProperty({ type: CheckoutBreakdownDto }) breakdown!: CheckoutBreakdownDto;
  @ApiProperty({ type: PaymentHandoffDto }) payment!: PaymentHandoffDto;
}
