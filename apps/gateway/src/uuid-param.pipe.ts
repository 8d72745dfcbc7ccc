import { ParseUUIDPipe } from '@nestjs/common';
import { GatewayError } from './gateway.error';

/** A path or query parameter that must be a UUID: 400 REQUEST.INVALID naming it otherwise. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => new GatewayError('REQUEST.INVALID', `${name} must be a UUID`) });
}
