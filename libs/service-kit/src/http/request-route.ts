import type { Request } from 'express';

/** The matched route template (`/orders/:id`), known once routing has run; low-cardinality by design. */
export function requestRoute(req: Request): string | undefined {
  const path: unknown = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
}
