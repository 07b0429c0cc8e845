import type { z } from 'zod';
import { HttpProblem } from './http-problem';

/** Parses request input with `schema`, or rejects the request with 400 naming every invalid field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new HttpProblem({
    status: 400,
    code: 'REQUEST.INVALID',
    title: 'Invalid request',
    detail: `${result.error.issues.length} invalid field(s)`,
    errors: result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(root)', message: issue.message })),
  });
}
