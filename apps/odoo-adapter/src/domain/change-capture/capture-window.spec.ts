import { advanceWatermark, nextCursor, pageQuery, seenVersion, startOfPass, versionKey, type PageCursor } from './capture-window';
import type { OdooRow } from './odoo-values';

const row = (id: number, writeDate: string, extra: object = {}): OdooRow => ({ id, write_date: writeDate, ...extra });

describe('capture window', () => {
  it('starts a pass at the watermark minus the overlap, on a whole second, and at the epoch without a watermark', () => {
    expect(startOfPass(new Date('2026-11-23T10:00:30.000Z'), 10_500)).toEqual({ kind: 'from', from: new Date('2026-11-23T10:00:19Z') });
    expect(startOfPass(null, 60_000)).toEqual({ kind: 'from', from: new Date(0) });
  });

  it('reads in write_date, id order from the cursor on, after the stream filter', () => {
    const query = pageQuery({ kind: 'from', from: new Date('2026-11-23T10:00:00Z') }, [['move_type', 'in', ['out_invoice']]]);
    expect(query).toEqual({ domain: [['move_type', 'in', ['out_invoice']], ['write_date', '>=', '2026-11-23 10:00:00']], order: 'write_date asc, id asc' });
  });

  it('ends the pass on a short page', () => {
    expect(nextCursor({ kind: 'from', from: new Date(0) }, [row(1, '2026-11-23 10:00:00')], 2)).toBeNull();
  });

  it('continues a full page from its last second (re-reading that second, which de-duplication skips)', () => {
    const cursor: PageCursor = { kind: 'from', from: new Date('2026-11-23T10:00:00Z') };
    const next = nextCursor(cursor, [row(1, '2026-11-23 10:00:00'), row(2, '2026-11-23 10:00:05')], 2);
    expect(next).toEqual({ kind: 'from', from: new Date('2026-11-23T10:00:05Z') });
  });

  it('drains a second that fills whole pages by id, then moves past it', () => {
    const second = new Date('2026-11-23T10:00:00Z');
    const full = [row(7, '2026-11-23 10:00:00'), row(9, '2026-11-23 10:00:00')];
    const draining = nextCursor({ kind: 'from', from: second }, full, 2);
    expect(draining).toEqual({ kind: 'second', second, afterId: 9 });
    expect(pageQuery(draining!, [])).toEqual({
      domain: [['write_date', '>=', '2026-11-23 10:00:00'], ['write_date', '<', '2026-11-23 10:00:01'], ['id', '>', 9]],
      order: 'id asc',
    });
    expect(nextCursor(draining!, [row(11, '2026-11-23 10:00:00'), row(12, '2026-11-23 10:00:00')], 2)).toEqual({ kind: 'second', second, afterId: 12 });
    expect(nextCursor(draining!, [row(13, '2026-11-23 10:00:00')], 2)).toEqual({ kind: 'from', from: new Date('2026-11-23T10:00:01Z') });
  });

  it('tells two versions of a record apart by write_date and by content, and the same version apart from nothing', () => {
    const first = versionKey(seenVersion(row(1, '2026-11-23 10:00:00', { name: 'a' })));
    expect(versionKey(seenVersion(row(1, '2026-11-23 10:00:00', { name: 'a' })))).toBe(first);
    expect(versionKey(seenVersion(row(1, '2026-11-23 10:00:00', { name: 'b' })))).not.toBe(first);
    expect(versionKey(seenVersion(row(1, '2026-11-23 10:00:01', { name: 'a' })))).not.toBe(first);
  });

  it('moves the watermark to the latest write_date seen, never backwards', () => {
    const page = [seenVersion(row(1, '2026-11-23 10:00:05')), seenVersion(row(2, '2026-11-23 09:59:00'))];
    expect(advanceWatermark(new Date('2026-11-23T10:00:00Z'), page)).toEqual(new Date('2026-11-23T10:00:05Z'));
    expect(advanceWatermark(new Date('2026-11-23T11:00:00Z'), page)).toEqual(new Date('2026-11-23T11:00:00Z'));
    expect(advanceWatermark(null, [])).toBeNull();
  });
});
