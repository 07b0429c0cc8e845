import { recordChange, type ChangeContext, type PlannedChange } from './record-change';
import { StockBook } from './stock-book';
import { at, countMark, position, SKU } from './testing/stock-builders';

const context: ChangeContext = {
  cause: { eventId: 'e-1', sourceSystem: 'wms', reasonCode: 'STOCK.TEST' },
  sequence: null,
  occurredAt: at(5),
  recordedAt: at(30),
};

function change(changeKind: 'DELTA' | 'ABSOLUTE', value: string): PlannedChange {
  const quantity = { value, uom: 'Units' };
  return { sku: SKU, locationId: 'WH1', quantityType: 'ON_HAND', changeKind, quantity, reportedQuantity: quantity };
}

function book(markMinute?: number): StockBook {
  const countMarks = markMinute === undefined ? [] : [countMark(markMinute)];
  return new StockBook({ positions: [position('WH1', { ON_HAND: '10' })], countMarks });
}

describe('recordChange', () => {
  it('applies a delta to the figure and returns the entry with the balance after it', () => {
    const stock = book();

    const entry = recordChange(stock, change('DELTA', '-4'), context);

    expect(entry).toEqual({ ...change('DELTA', '-4'), ...context, status: 'APPLIED', balanceAfter: '6' });
    expect(stock.position(SKU, 'WH1').balances.ON_HAND).toBe('6');
  });

  it('records a change from a system that is not the stock master without applying it', () => {
    const stock = book();

    const fromOtherSystem = { authoritative: false };

    expect(recordChange(stock, change('DELTA', '-4'), context, fromOtherSystem)).toMatchObject({
      status: 'NOT_AUTHORITATIVE',
      balanceAfter: '10',
    });
    expect(recordChange(stock, change('ABSOLUTE', '1'), context, fromOtherSystem)).toMatchObject({ status: 'NOT_AUTHORITATIVE' });
    expect(stock.changes()).toEqual({ positions: [], countMarks: [] });
  });

  it('supersedes a delta that a newer count includes', () => {
    const stock = book(5);

    expect(recordChange(stock, change('DELTA', '3'), context)).toMatchObject({ status: 'SUPERSEDED', balanceAfter: '10' });
    expect(stock.changes().positions).toEqual([]);
  });

  it('ignores a count older than the applied one', () => {
    const stock = book(6);

    expect(recordChange(stock, change('ABSOLUTE', '3'), context)).toMatchObject({ status: 'STALE', balanceAfter: '10' });
    expect(stock.changes()).toEqual({ positions: [], countMarks: [] });
  });

  it('applies a count on top of the deltas that followed it, and moves the count mark', () => {
    const stock = book(4);
    const later = recordChange(book(), change('DELTA', '2'), { ...context, occurredAt: at(7) });

    const entry = recordChange(stock, change('ABSOLUTE', '3'), context, { recentEntries: [later] });

    expect(entry).toMatchObject({ status: 'APPLIED', balanceAfter: '5' });
    expect(stock.changes()).toEqual({
      positions: [position('WH1', { ON_HAND: '5' })],
      countMarks: [countMark(5)],
    });
  });
});
