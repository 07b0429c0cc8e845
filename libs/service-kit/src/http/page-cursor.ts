import { z } from 'zod';

/**
 * Keyset page cursors, opaque to clients: base64url of a JSON array of strings (the sort key of a
 * page's last row). Every list API encodes and checks its cursors here, so a forged or truncated
 * cursor is a 400 naming the field, never a query error.
 */
export const pageCursor = {
  encode(values: readonly string[]): string {
    return Buffer.from(JSON.stringify(values)).toString('base64url');
  },

  /** The `length` values of a cursor, or undefined when the text is not such a cursor. */
  decode(cursor: string, length: number): string[] | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    return Array.isArray(parsed) && parsed.length === length && parsed.every((value) => typeof value === 'string') ? parsed : undefined;
  },
};

/**
 * A query parameter holding a cursor of `length` values, parsed with `read` (which throws or
 * returns undefined for values it cannot use) into the position it names.
 */
export function cursorParam<T>(length: number, read: (values: string[]) => T | undefined) {
  return z.string().transform((text, ctx) => {
    const values = pageCursor.decode(text, length);
    const position = values && read(values);
    if (position === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor from this API' });
      return z.NEVER;
    }
    return position;
  });
}
