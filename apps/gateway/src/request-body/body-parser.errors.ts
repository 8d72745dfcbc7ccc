import type { NextFunction, Request, Response } from 'express';
import { GatewayError, GatewayErrorCode } from '../gateway.error';

type ParserRefusalCode = Extract<GatewayErrorCode, 'REQUEST.INVALID' | 'REQUEST.TOO_LARGE' | 'REQUEST.UNSUPPORTED_MEDIA_TYPE'>;

/**
 * Our words for body-parser's error types. Its own messages can quote the body (JSON.parse's say
 * `Unexpected token ... "<the body>"`), and a body can hold anything, a card number included.
 */
const BY_TYPE: Readonly<Record<string, readonly [ParserRefusalCode, string]>> = {
  'entity.parse.failed': ['REQUEST.INVALID', 'the body is not valid JSON'],
  'entity.too.large': ['REQUEST.TOO_LARGE', 'the body is larger than the gateway accepts'],
  'parameters.too.many': ['REQUEST.TOO_LARGE', 'the body has more parameters than the gateway accepts'],
  'encoding.unsupported': ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the body is sent in a Content-Encoding the gateway does not read'],
  'charset.unsupported': ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the body must be UTF-8 JSON (charset=utf-8, or none)'],
};

/**
 * The refusal for an error raised while reading the body, when it is the client's doing: a 4xx
 * carrying body-parser's `type`, or marked `expose` (http-errors' "safe to show"), such as the 400
 * for a gzip body that does not inflate. Anything else is ours to log (undefined).
 */
export function parserRefusalOf(error: unknown): GatewayError | undefined {
  const { status, type, expose } = (error ?? {}) as { status?: unknown; type?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || (typeof type !== 'string' && expose !== true)) return undefined;
  const [code, message]: readonly [ParserRefusalCode, string] = typeof type === 'string' && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type]
    : ['REQUEST.INVALID', 'the body could not be read (is it compressed as its Content-Encoding says?)'];
  return new GatewayError(code, message);
}

/**
 * Express error middleware, installed right after the body parsers: it turns their refusals into
 * ours before Nest sees them (Nest would answer a JSON syntax error with JSON.parse's own message).
 */
export function bodyParserErrorHandler(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  next(parserRefusalOf(error) ?? error);
}
