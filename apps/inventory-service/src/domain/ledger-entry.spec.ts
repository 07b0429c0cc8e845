import { stockChangedEvent, stockChangedEvents, type LedgerEntry } from './ledger-entry';
import { at, ledgerEntry } from './testing/stock-builders';

const delta = ledgerEntry(1, '-36', {
  reportedQuantity: { value: '3', uom: 'Box of 12' },
  cause: { eventId: 'e-1', sourceSystem: 'wms', reasonCode: 'STOCK.SHIPMENT' },
  sequence: 4,
  balanceAfter: '14',
});

describe('ledger entry events', () => {
  it('publishes a delta as the signed change in the base unit', () => {
    expect(stockChangedEvent(delta)).toEqual({
      type: 'backbone.inventory.StockChanged',
      payload: {
        sku: 'SKU-1',
        locationId: 'WH1',
        quantityType: 'ON_HAND',
        changeKind: 'DELTA',
        quantity: { value: '-36', uom: 'Units' },
        cause: delta.cause,
        occurredAt: at(1),
      },
    });
  });

  it('publishes a count as the level it produced', () => {
    const counted: LedgerEntry = { ...delta, changeKind: 'ABSOLUTE', quantity: { value: '12', uom: 'Units' }, balanceAfter: '15' };

    expect(stockChangedEvent(counted).payload).toMatchObject({ changeKind: 'ABSOLUTE', quantity: { value: '15', uom: 'Units' } });
  });

  it('publishes applied entries only', () => {
    const notApplied = (['SUPERSEDED', 'STALE', 'NOT_AUTHORITATIVE'] as const).map((status) => ({ ...delta, status }));

    const entries: LedgerEntry[] = [delta, ...notApplied];

    expect(stockChangedEvents(entries)).toEqual([stockChangedEvent(delta)]);
  });
});
