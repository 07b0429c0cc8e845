import { z } from 'zod';

/**
 * A setting holding JSON, validated by `schema`. A parse error names no part of the value:
 * these settings hold secrets.
 */
export function jsonSetting<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
