import { pageCursor } from '@backbone/service-kit';
import { InvalidCursorError } from '../model/exception.errors';

/** Position after the last item of a page, in the list's order (raised_at desc, id desc). */
export interface PagePosition {
  raisedAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: service-kit's page cursor of [raisedAt ISO, id]. */
export function encodeCursor(position: PagePosition): string {
  return pageCursor.encode([position.raisedAt.toISOString(), position.id]);
}

export function decodeCursor(cursor: string): PagePosition {
  const [at, id] = pageCursor.decode(cursor, 2) ?? [];
  const raisedAt = new Date(at ?? '');
  if (id === undefined || Number.isNaN(raisedAt.getTime()) || !UUID.test(id)) throw new InvalidCursorError();
  return { raisedAt, id };
}
