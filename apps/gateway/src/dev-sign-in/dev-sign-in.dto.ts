import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';

export class DevSignInRequestDto {
  @ApiProperty({ example: 'buyer-1', description: '1-64 letters, digits, dots, dashes, underscores or @' })
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,64}$/, { message: 'userId must be 1-64 letters, digits, dots, dashes, underscores or @' })
  userId!: string;

  @ApiPropertyOptional({ default: false, description: 'Sign in with the admin role (the operations console)' })
  @IsOptional()
  @IsBoolean()
  admin?: boolean;
}

export class DevSignInResponseDto {
  @ApiProperty({ description: 'An RS256 bearer token the gateway verifies through JWT_JWKS_URL' }) token!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [String], example: ['admin'] }) roles!: string[];
}
