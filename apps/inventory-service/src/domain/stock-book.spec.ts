import { StockBook } from './stock-book';
import { emptyStockPosition, withBalance } from './stock-position';
import { at, countMark, position } from './testing/stock-builders';

describe('StockBook', () => {
  const stored = position('WH1', { ON_HAND: '5' });
  const mark = countMark(1);

  it('returns loaded positions, and an empty one for a position not stored yet', () => {
    const book = new StockBook({ positions: [stored], countMarks: [] });

    expect(book.position('SKU-1', 'WH1')).toBe(stored);
    expect(book.position('SKU-1', 'WH2')).toEqual(emptyStockPosition('SKU-1', 'WH2'));
  });

  it('finds count marks per figure', () => {
    const book = new StockBook({ positions: [], countMarks: [mark] });

    expect(book.countMark('SKU-1', 'WH1', 'ON_HAND')).toBe(mark);
    expect(book.countMark('SKU-1', 'WH1', 'DAMAGED')).toBeUndefined();
  });

  it('lists as changes only what was set, each once, in its latest state', () => {
    const book = new StockBook({ positions: [stored, position('WH2')], countMarks: [mark] });
    book.setPosition(withBalance(stored, 'ON_HAND', '6'));
    book.setPosition(withBalance(book.position('SKU-1', 'WH1'), 'ON_HAND', '7'));
    book.setCountMark({ ...mark, occurredAt: at(2) });

    expect(book.changes()).toEqual({ positions: [position('WH1', { ON_HAND: '7' })], countMarks: [{ ...mark, occurredAt: at(2) }] });
  });

  it('has no changes when nothing was set', () => {
    expect(new StockBook({ positions: [stored], countMarks: [mark] }).changes()).toEqual({ positions: [], countMarks: [] });
  });
});
