import { parserRefusalOf } from './body-parser.errors';

/** An error as body-parser (through http-errors) raises it. */
const parserError = (status: number, type?: string, expose = true) => Object.assign(new Error('Unexpected token "4242424242424242"'), { status, type, expose });

describe("the body parser's refusals", () => {
  it.each([
    [parserError(400, 'entity.parse.failed'), 'REQUEST.INVALID', 'the body is not valid JSON'],
    [parserError(413, 'entity.too.large'), 'REQUEST.TOO_LARGE', 'the body is larger than the gateway accepts'],
    [parserError(415, 'encoding.unsupported'), 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the body is sent in a Content-Encoding the gateway does not read'],
    [parserError(415, 'charset.unsupported'), 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'the body must be UTF-8 JSON (charset=utf-8, or none)'],
    [parserError(400), 'REQUEST.INVALID', 'the body could not be read (is it compressed as its Content-Encoding says?)'],
  ])('answer %p in our own words, never quoting the body', (error, code, message) => {
    expect(parserRefusalOf(error)).toMatchObject({ code, message });
  });

  it('leave errors that are not the client\'s to the 500 path', () => {
    expect(parserRefusalOf(new RangeError('Maximum call stack size exceeded'))).toBeUndefined();
    expect(parserRefusalOf(parserError(500, 'stream.not.readable'))).toBeUndefined();
    expect(parserRefusalOf(parserError(400, undefined, false))).toBeUndefined();
    expect(parserRefusalOf(null)).toBeUndefined();
  });
});
