import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OrderLineDto {
  @ApiProperty({ example: 'course-typescript-101' }) productId!: string;
  @ApiProperty({ enum: ['course', 'plan'] }) kind!: string;
  @ApiProperty({ example: 1 }) quantity!: number;
  @ApiProperty({ example: 1900, description: 'Integer minor units' }) unitAmountMinor!: number;
}

export class PriceBreakdownDto {
  @ApiProperty() subtotalMinor!: number;
  @ApiProperty() discountMinor!: number;
  @ApiProperty() taxMinor!: number;
  @ApiProperty() totalMinor!: number;
}

/** An order as the gateway's read model shows it (projected from orders.events). */
export class OrderViewDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'pending', description: 'pending, paid, partially_refunded, refunded, failed, expired' }) status!: string;
  @ApiProperty({ example: 1900, description: 'Total in integer minor units of `currency`' }) amountMinor!: number;
  @ApiProperty({ example: 0, description: 'Refunded so far, integer minor units' }) refundedMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: ['stripe', 'cashfree'] }) provider!: string;
  @ApiProperty({ type: [OrderLineDto] }) lines!: OrderLineDto[];
  @ApiPropertyOptional({ type: PriceBreakdownDto, nullable: true }) breakdown!: PriceBreakdownDto | null;
  @ApiPropertyOptional({ nullable: true, example: 'INV-2026-000001' }) invoiceNumber!: string | null;
  @ApiProperty() needsReview!: boolean;
  @ApiPropertyOptional({
    nullable: true, type: String, example: 'The bank or card issuer declined the payment.',
    description: "The latest failure in our own words (never the provider's); GET /api/payment-failures/{lastFailureCode} says more",
  })
  lastFailure!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'PAYMENT.DECLINED', description: 'Stable code of the latest failure' })
  lastFailureCode!: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) placedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) paidAt!: Date | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class OrderListDto {
  @ApiProperty({ type: [OrderViewDto] }) orders!: OrderViewDto[];
}

class EntitlementViewDto {
  @ApiProperty({ format: 'uuid' }) entitlementId!: string;
  @ApiProperty() productId!: string;
  @ApiProperty({ enum: ['course', 'plan'] }) kind!: string;
  @ApiProperty({ format: 'uuid', description: 'The purchase: the order id, or the subscription id for a plan' }) orderId!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: Date;
  @ApiProperty({ enum: ['active', 'suspended', 'revoked'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Access ends here (null: no end, a one-time purchase)' }) validUntil!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) subscriptionId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'renewal-paid', description: 'Why the status last changed' }) statusReason!: string | null;
}

export class EntitlementListDto {
  @ApiProperty({ type: [EntitlementViewDto] }) entitlements!: EntitlementViewDto[];
}
