import { InvalidCursorError } from '../model/exception.errors';
import { decodeCursor, encodeCursor } from './page-cursor';

describe('page cursor', () => {
  it('round-trips the position after a page, to the millisecond', () => {
    const position = { raisedAt: new Date('2026-11-23T12:34:56.789Z'), id: '019a0000-0000-7000-8000-000000000001' };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('is URL-safe', () => {
    expect(encodeCursor({ raisedAt: new Date(), id: '019a0000-0000-7000-8000-000000000001' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64 JSON', 'hello'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","019a0000-0000-7000-8000-000000000001"]').toString('base64url')],
    ['an id that is no UUID', Buffer.from('["2026-11-23T12:00:00.000Z","1; drop table x"]').toString('base64url')],
  ])('refuses %s with EXCEPTION.INVALID_CURSOR', (_what, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });
});
