import { MAX_BODY_DEPTH, bodyShapeProblem, contentTypeProblem, hasBody } from './request-body.rules';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

describe('the request body rules', () => {
  it('see a body when the request gives its length or sends it in chunks', () => {
    expect(hasBody({ 'content-length': '12' })).toBe(true);
    expect(hasBody({ 'transfer-encoding': 'chunked' })).toBe(true);
    expect(hasBody({ 'content-length': '0' })).toBe(false);
    expect(hasBody({})).toBe(false);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"', 'application/json; charset=utf8'])(
    'read a body sent as %p', (contentType) => {
      expect(contentTypeProblem(contentType)).toBeUndefined();
    },
  );

  it.each([
    [undefined, /must be JSON/],
    ['text/plain', /must be JSON/],
    ['application/x-www-form-urlencoded', /must be JSON/],
    ['application/json-patch+json', /must be JSON/],
    ['application/json; charset=utf-16', /UTF-8/],
    ['application/json; charset=iso-8859-1', /UTF-8/],
  ])('refuse a body sent as %p', (contentType, message) => {
    expect(contentTypeProblem(contentType)).toMatch(message);
  });

  it(`take JSON nested up to ${MAX_BODY_DEPTH} levels, and refuse deeper before anything recurses into it`, () => {
    expect(bodyShapeProblem({ x: nested(MAX_BODY_DEPTH - 1) })).toBeUndefined();
    expect(bodyShapeProblem({ x: nested(MAX_BODY_DEPTH) })).toBe(`the JSON body nests deeper than ${MAX_BODY_DEPTH} levels`);
    expect(bodyShapeProblem({ productId: 'course-typescript-101', x: nested(3000) })).toMatch(/nests deeper/);
  });

  it('refuse an array where an object is expected, and prototype keys at any depth', () => {
    expect(bodyShapeProblem([{ productId: 'p' }])).toBe('the body must be a JSON object, not an array');
    expect(bodyShapeProblem(JSON.parse('{"productId":"p","__proto__":{"admin":true}}'))).toBe('property __proto__ is not allowed');
    expect(bodyShapeProblem({ a: [{ constructor: { prototype: {} } }] })).toBe('property constructor is not allowed');
  });

  it('take what the routes take: flat objects, nothing at all', () => {
    expect(bodyShapeProblem({ productId: 'course-typescript-101', quantity: 2, couponCode: 'LAUNCH20' })).toBeUndefined();
    expect(bodyShapeProblem(undefined)).toBeUndefined();
    expect(bodyShapeProblem({})).toBeUndefined();
  });
});
