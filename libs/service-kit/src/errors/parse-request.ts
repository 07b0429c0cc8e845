import type { z } from 'zod';
import { HttpProblem, type InvalidField } from './http-problem';

/** Parses request input with `schema`, or rejects the request with 400 naming every invalid field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap(toInvalidFields);
  throw new HttpProblem({ status: 400, code: 'REQUEST.INVALID', title: 'Invalid request', detail: `${errors.length} invalid field(s)`, errors });
}

/** One entry per offending field: an issue about unknown keys names each key, not their parent. */
function toInvalidFields(issue: z.core.$ZodIssue): InvalidField[] {
  const parent = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: [...parent, key].join('.'), message: 'is not a known field' }));
  }
  return [{ field: parent.join('.') || '(root)', message: issue.message }];
}
