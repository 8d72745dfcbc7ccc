import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { isJsonUtf8, passBodyParserFailures, webhookRawBody } from './webhook-request';

const request = (contentType: string | undefined, rawBody?: string) =>
  ({ headers: contentType === undefined ? {} : { 'content-type': contentType }, rawBody: rawBody === undefined ? undefined : Buffer.from(rawBody) }) as unknown as RawBodyRequest<Request>;
const afterBodyParser = (failure: { type: string }, req: RawBodyRequest<Request>) => {
  const next = jest.fn();
  passBodyParserFailures(failure, req, {} as never, next);
  return next;
};

describe('the webhook request boundary', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/json; charset=utf8'])('reads %s', (type) => {
    expect(isJsonUtf8(type)).toBe(true);
  });

  it.each([undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'application/json; charset=latin1', 'multipart/form-data'])(
    'refuses the content type %p',
    (type) => {
      expect(isJsonUtf8(type)).toBe(false);
      expect(() => webhookRawBody(request(type, '{}'))).toThrow(expect.objectContaining({ code: 'WEBHOOK.UNSUPPORTED_CONTENT_TYPE' }));
    },
  );

  it('passes a body the JSON parser refused on to the controller, raw, to be verified before it is judged', () => {
    const req = request('application/json', 'id=evt_1&type=x');
    expect(afterBodyParser({ type: 'entity.parse.failed' }, req)).toHaveBeenCalledWith();
    expect(webhookRawBody(req).toString()).toBe('id=evt_1&type=x');
  });

  it('answers a body over the limit as too large, and one cut short as malformed', () => {
    const large = request('application/json');
    afterBodyParser({ type: 'entity.too.large' }, large);
    expect(() => webhookRawBody(large)).toThrow(expect.objectContaining({ code: 'WEBHOOK.BODY_TOO_LARGE' }));
    const aborted = request('application/json');
    afterBodyParser({ type: 'request.aborted' }, aborted);
    expect(() => webhookRawBody(aborted)).toThrow(expect.objectContaining({ code: 'WEBHOOK.MALFORMED_BODY' }));
  });

  it('hands on any other error untouched', () => {
    const error = new Error('boom');
    const next = jest.fn();
    passBodyParserFailures(error, request('application/json'), {} as never, next);
    expect(next).toHaveBeenCalledWith(error);
  });

  it('refuses an empty body', () => {
    expect(() => webhookRawBody(request('application/json'))).toThrow(expect.objectContaining({ code: 'WEBHOOK.EMPTY_BODY' }));
    expect(() => webhookRawBody(request('application/json', ''))).toThrow(expect.objectContaining({ code: 'WEBHOOK.EMPTY_BODY' }));
  });
});
