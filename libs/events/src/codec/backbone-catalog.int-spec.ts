import type { ReservationConfirmed, StockChanged } from '@backbone/schemas';
import { testStack } from '../testing';
import { createBackboneCodec } from './backbone-catalog';

describe('the catalog codec against the registry', () => {
  it('encodes and decodes several events that share named types (Quantity) in one process', async () => {
    const codec = createBackboneCodec({ url: testStack.registryUrl });
    const stock: StockChanged = {
      sku: 'SKU-1',
      locationId: 'WH-1',
      quantityType: 'ON_HAND',
      changeKind: 'DELTA',
      quantity: { value: '2.5', uom: 'kg' },
      cause: { eventId: null, sourceSystem: 'wms', reasonCode: 'RECEIPT' },
      occurredAt: new Date('2026-11-23T10:00:00.000Z'),
    };
    const reservation: ReservationConfirmed = {
      orderId: 'order-1',
      lines: [{ sku: 'SKU-1', locationId: 'WH-1', requested: { value: '1', uom: 'kg' }, reserved: { value: '1', uom: 'kg' } }],
    };

    const encodedStock = await codec.encode('backbone.inventory.StockChanged', stock);
    const encodedReservation = await codec.encode('backbone.inventory.ReservationConfirmed', reservation);

    expect((await codec.decode(encodedStock.value)).payload).toEqual(stock);
    expect((await codec.decode(encodedReservation.value)).payload).toEqual(reservation);
  });
});
