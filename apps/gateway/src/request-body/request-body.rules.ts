import type { IncomingHttpHeaders } from 'node:http';

/** How deep a JSON body may nest: the gateway's bodies are flat, and validating deeper ones costs stack. */
export const MAX_BODY_DEPTH = 16;

/** Keys that mean to reach an object's prototype; no body of ours has them. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A request carries a body when it says how long the body is (not 0) or that it comes in chunks. */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length !== '0';
}

/** Why a body with this Content-Type is not one the gateway reads (UTF-8 JSON), or undefined. */
export function contentTypeProblem(contentType: string | undefined): string | undefined {
  const [mediaType, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') return 'the body must be JSON, sent with Content-Type: application/json';
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return 'the body must be UTF-8 JSON (charset=utf-8, or none)';
  return undefined;
}

/**
 * Why a parsed JSON body cannot be validated safely, or undefined: an array where every route
 * takes an object, nested deeper than `maxDepth` (class-transformer and class-validator recurse, so
 * a deep enough body overflows their stack), or holding a prototype key. Walks without recursion.
 */
export function bodyShapeProblem(body: unknown, maxDepth = MAX_BODY_DEPTH): string | undefined {
  if (Array.isArray(body)) return 'the body must be a JSON object, not an array';
  const pending: [value: unknown, depth: number][] = [[body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return `the JSON body nests deeper than ${maxDepth} levels`;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `property ${key} is not allowed`;
      pending.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
