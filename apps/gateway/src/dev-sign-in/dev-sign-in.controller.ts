import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../error-response.dto';
import { DevSignInRequestDto, DevSignInResponseDto } from './dev-sign-in.dto';
import { DevTokenIssuer } from './dev-token.issuer';

/** Registered only with DEV_SIGN_IN=true, which a production configuration refuses (see web.config.ts). */
@Controller('dev')
@ApiTags('development sign-in')
export class DevSignInController {
  constructor(@Inject(DevTokenIssuer) private readonly issuer: DevTokenIssuer) {}

  @Get('jwks.json')
  @ApiOperation({ summary: 'The development issuer\'s public key (point JWT_JWKS_URL here); development only' })
  jwks(): ReturnType<DevTokenIssuer['jwks']> {
    return this.issuer.jwks();
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'A bearer token for any user id, optionally an admin; development only (DEV_SIGN_IN=true, never with NODE_ENV=production)' })
  @ApiOkResponse({ type: DevSignInResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'REQUEST.INVALID' })
  async signIn(@Body() body: DevSignInRequestDto): Promise<DevSignInResponseDto> {
    const roles = body.admin ? ['admin'] : [];
    return { token: await this.issuer.sign(body.userId, roles), userId: body.userId, roles };
  }
}
