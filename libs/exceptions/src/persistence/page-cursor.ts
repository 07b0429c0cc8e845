import { InvalidCursorError } from '../model/exception.errors';

/** Position after the last item of a page, in the list's order (raised_at desc, id desc). */
export interface PagePosition {
  raisedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of [raisedAt ISO, id]. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.raisedAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') throw new InvalidCursorError();
  const raisedAt = new Date(parsed[0]);
  if (Number.isNaN(raisedAt.getTime()) || !UUID.test(parsed[1])) throw new InvalidCursorError();
  return { raisedAt, id: parsed[1] };
}
