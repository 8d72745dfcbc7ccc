import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ErrorDetailDto {
  @ApiProperty({ example: 'IDEMPOTENCY.KEY_REUSED', description: 'Stable, machine-readable code' })
  code!: string;

  @ApiProperty({ example: 'this Idempotency-Key was used with a different request body' })
  message!: string;

  @ApiPropertyOptional({ type: [String], description: 'One entry per broken rule (validation errors)' })
  details?: string[];
}

/** The one error shape of every gateway answer that is not a success. */
export class ErrorResponseDto {
  @ApiProperty({ type: ErrorDetailDto })
  error!: ErrorDetailDto;
}
