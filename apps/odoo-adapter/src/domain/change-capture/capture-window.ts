import { createHash } from 'node:crypto';
import { formatOdooDatetime, parseOdooDatetime, type OdooDomain, type OdooRow } from './odoo-values';

/**
 * Where the next page of a pass starts. Odoo stamps `write_date` with the transaction start and
 * returns it at second precision, so the keyset is the second: `from` reads every row at or after
 * it in `write_date, id` order; when a whole page falls within one second (a bulk import commits
 * thousands of rows with one write_date), `second` drains that second by id before moving on.
 */
export type PageCursor = { kind: 'from'; from: Date } | { kind: 'second'; second: Date; afterId: number };

export interface PageQuery {
  domain: OdooDomain;
  order: string;
}

const SECOND = 1000;

/**
 * The first cursor of a pass: the watermark (latest write_date captured) minus the overlap, so a
 * transaction that started before the watermark but committed after the last pass is read again.
 * The overlap must exceed the longest write transaction Odoo runs.
 */
export function startOfPass(watermark: Date | null, overlapMs: number): PageCursor {
  const from = watermark ? Math.floor((watermark.getTime() - overlapMs) / SECOND) * SECOND : 0;
  return { kind: 'from', from: new Date(Math.max(0, from)) };
}

export function pageQuery(cursor: PageCursor, filter: OdooDomain): PageQuery {
  if (cursor.kind === 'from') return { domain: [...filter, ['write_date', '>=', formatOdooDatetime(cursor.from)]], order: 'write_date asc, id asc' };
  const next = new Date(cursor.second.getTime() + SECOND);
  return {
    domain: [...filter, ['write_date', '>=', formatOdooDatetime(cursor.second)], ['write_date', '<', formatOdooDatetime(next)], ['id', '>', cursor.afterId]],
    order: 'id asc',
  };
}

/** The cursor after `page`, or null when the pass has read everything. */
export function nextCursor(cursor: PageCursor, page: readonly OdooRow[], pageSize: number): PageCursor | null {
  const last = page.at(-1);
  if (cursor.kind === 'second') {
    return last && page.length >= pageSize ? { ...cursor, afterId: last.id } : { kind: 'from', from: new Date(cursor.second.getTime() + SECOND) };
  }
  if (!last || page.length < pageSize) return null;
  const lastSecond = parseOdooDatetime(last.write_date);
  // Rows of the last second are read again by the next page (and skipped as already seen).
  return lastSecond > cursor.from ? { kind: 'from', from: lastSecond } : { kind: 'second', second: cursor.from, afterId: last.id };
}

/** What the de-duplication remembers of a captured row. */
export interface SeenVersion {
  recordId: number;
  writeDate: Date;
  /** Hash of the fields read: two changes within one second share a write_date but not their content. */
  fingerprint: string;
}

export function seenVersion(row: OdooRow): SeenVersion {
  const content = JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key]]));
  return { recordId: row.id, writeDate: parseOdooDatetime(row.write_date), fingerprint: createHash('sha256').update(content).digest('base64url') };
}

export function versionKey(version: SeenVersion): string {
  return `${version.recordId}|${version.writeDate.toISOString()}|${version.fingerprint}`;
}

/** The latest write_date captured so far: never moves backwards. */
export function advanceWatermark(watermark: Date | null, page: readonly SeenVersion[]): Date | null {
  return page.reduce<Date | null>((latest, version) => (latest && latest >= version.writeDate ? latest : version.writeDate), watermark);
}
