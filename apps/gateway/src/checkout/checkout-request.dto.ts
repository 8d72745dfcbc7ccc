import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

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

  @ApiPropertyOptional({ example: 'LAUNCH10' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  couponCode?: string;

  @ApiPropertyOptional({ enum: ['stripe', 'cashfree'] })
  @IsOptional()
  @IsIn(['stripe', 'cashfree'])
  provider?: 'stripe' | 'cashfree';
}
