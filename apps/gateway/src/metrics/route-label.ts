/** The label of requests that matched no route (404s, bodies refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

interface RoutedRequest {
  readonly baseUrl?: string;
  readonly route?: { readonly path?: unknown };
}

/**
 * The route pattern a request matched (`/api/orders/:id`), never its raw URL, so ids and query
 * strings cannot blow up the metric's cardinality.
 */
export function routeLabelOf(request: RoutedRequest): string {
  const path = request.route?.path;
  if (typeof path !== 'string' || path === '') return UNMATCHED_ROUTE;
  const label = `${request.baseUrl ?? ''}${path}`;
  return label.length > 1 && label.endsWith('/') ? label.slice(0, -1) : label;
}
