import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

export class StorefrontSettingsDto {
  @ApiProperty({ description: 'Whether POST /dev/sign-in is available (development only)' }) devSignIn!: boolean;
  @ApiPropertyOptional({
    nullable: true, type: String, example: 'http://127.0.0.1:4010',
    description: 'Base URL of the hosted test payment pages (/pay/stripe/<id>, /pay/cashfree/<order id>); null when payments follow the provider\'s redirect URL',
  })
  providerPagesUrl!: string | null;
}

/** What the web pages need to know about this deployment before anyone signs in. */
@Controller('api/storefront')
@ApiTags('catalog')
export class StorefrontController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('settings')
  @ApiOperation({ summary: 'How the pages sign in and where the hosted payment pages are' })
  @ApiOkResponse({ type: StorefrontSettingsDto })
  settings(): StorefrontSettingsDto {
    return { devSignIn: this.config.web.devSignIn, providerPagesUrl: this.config.web.providerPagesUrl };
  }
}
