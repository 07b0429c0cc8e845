import { cursorParam, pageCursor } from './page-cursor';

describe('pageCursor', () => {
  it('gives back the values it encoded, as an opaque URL-safe text', () => {
    const cursor = pageCursor.encode(['2026-11-23T10:00:00.000Z', 'a|b']);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(pageCursor.decode(cursor, 2)).toEqual(['2026-11-23T10:00:00.000Z', 'a|b']);
  });

  it('refuses text that is not a cursor of that many strings', () => {
    expect(pageCursor.decode('not-a-cursor', 2)).toBeUndefined();
    expect(pageCursor.decode(pageCursor.encode(['one']), 2)).toBeUndefined();
    expect(pageCursor.decode(Buffer.from('[1, 2]').toString('base64url'), 2)).toBeUndefined();
  });

  it('parses a cursor parameter into its position, or names it as invalid', () => {
    const param = cursorParam(1, ([n]) => (/^\d+$/.test(n) ? Number(n) : undefined));

    expect(param.parse(pageCursor.encode(['42']))).toBe(42);
    expect(param.safeParse(pageCursor.encode(['x'])).error?.issues[0]?.message).toBe('is not a cursor from this API');
    expect(param.safeParse('garbage').success).toBe(false);
  });
});
