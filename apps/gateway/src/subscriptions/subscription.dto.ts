import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/** What the frontend may say about a subscription. Never an amount: unknown properties are a 400. */
export class SubscriptionCheckoutRequestDto {
  @ApiProperty({ example: 'plan-pro-monthly', description: 'A plan id from the catalog' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'planId must be a catalog id (lower-case letters, digits, dashes)' })
  planId!: string;

  @ApiPropertyOptional({ example: 'INR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD or INR' })
  currency?: string;

  @ApiPropertyOptional({ enum: ['stripe', 'cashfree'] })
  @IsOptional()
  @IsIn(['stripe', 'cashfree'])
  provider?: 'stripe' | 'cashfree';

  @ApiPropertyOptional({ example: '+919800000000', description: 'Cashfree needs a phone number for the mandate; sent to the provider only' })
  @IsOptional()
  @Matches(/^\+?[0-9]{10,15}$/, { message: 'customerPhone must be 10-15 digits, optionally with a leading +' })
  customerPhone?: string;
}

export class CancelSubscriptionDto {
  @ApiPropertyOptional({ enum: ['at-period-end', 'immediately'], default: 'at-period-end', description: '`immediately` is for admins only' })
  @IsOptional()
  @IsIn(['at-period-end', 'immediately'])
  mode?: 'at-period-end' | 'immediately';
}

export class SubscriptionViewDto {
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'plan-pro-monthly' }) planId!: string;
  @ApiProperty({ enum: ['month', 'year'] }) interval!: string;
  @ApiProperty({ example: 1180, description: 'What each period costs, tax included, integer minor units' }) amountMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: ['stripe', 'cashfree'] }) provider!: string;
  @ApiProperty({ enum: ['incomplete', 'active', 'past_due', 'ended'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'End of the last paid period' }) paidThrough!: Date | null;
  @ApiProperty() periodsPaid!: number;
  @ApiProperty({ description: 'The subscription ends when the paid period does' }) cancelAtPeriodEnd!: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) pastDueSince!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) endedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, example: 'canceled' }) endReason!: string | null;
  @ApiProperty({ format: 'date-time' }) placedAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class SubscriptionListDto {
  @ApiProperty({ type: [SubscriptionViewDto] }) subscriptions!: SubscriptionViewDto[];
}
