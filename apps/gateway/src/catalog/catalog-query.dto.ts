import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { PriceBreakdownDto } from '../orders/order-view.dto';

export class CatalogQueryDto {
  @ApiPropertyOptional({ example: 'INR', description: "ISO 4217; checkout's default currency when absent" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD or INR' })
  currency?: string;

  @ApiPropertyOptional({ example: 'LAUNCH20', description: 'A coupon to preview; failed lookups count against the coupon limits, as at checkout' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, { message: 'couponCode must be 1-64 letters, digits, dashes or underscores' })
  couponCode?: string;
}

class CatalogQuoteDto extends PriceBreakdownDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiPropertyOptional({ example: 'GST 18%' }) taxLabel?: string;
  @ApiPropertyOptional({ example: 'LAUNCH20' }) couponCode?: string;
}

class CatalogProductDto {
  @ApiProperty({ example: 'course-typescript-101' }) productId!: string;
  @ApiProperty({ enum: ['course', 'plan'] }) kind!: string;
  @ApiProperty({ example: 'TypeScript 101' }) title!: string;
  @ApiPropertyOptional({ type: CatalogQuoteDto, nullable: true, description: 'One unit, priced by checkout; null when not sold in the currency' })
  quote!: CatalogQuoteDto | null;
}

export class CatalogDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: ['stripe', 'cashfree'], description: 'Where a checkout in this currency goes' }) provider!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) couponCode!: string | null;
  @ApiProperty({ type: [CatalogProductDto] }) products!: CatalogProductDto[];
}
