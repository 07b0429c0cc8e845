import type { ShipmentLine } from '@backbone/schemas';
import { applyShipment } from './line-shipment';
import { aLine } from './testing/order-builders';

const entry = (lineId: string, sku: string, shipped: string, backordered = '0', uom = 'Units'): ShipmentLine => ({
  lineId,
  sku,
  shipped: { value: shipped, uom },
  backordered: { value: backordered, uom },
});

describe('applyShipment', () => {
  it('adds shipped quantities and consumes the reservation first', () => {
    const lines = [aLine({ lineId: '1', ordered: '10', reserved: '8', shipped: '2' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/1', lines: [entry('1', 'SKU-A', '3')] });

    expect(result.ok && result.value[0]).toMatchObject({ shipped: '5', reserved: '5', backordered: '0' });
  });

  it('records the backorder the warehouse reports, replacing the previous figure', () => {
    const lines = [aLine({ lineId: '1', ordered: '10', backordered: '6', shipped: '2' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/2', lines: [entry('1', 'SKU-A', '4', '2')] });

    expect(result.ok && result.value[0]).toMatchObject({ shipped: '6', backordered: '2' });
  });

  it('records a substitute SKU with the original line, counted as shipped on it', () => {
    const lines = [aLine({ lineId: '1', sku: 'SKU-A', ordered: '10', reserved: '10' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/3', lines: [entry('1', 'SKU-A', '6'), entry('1', 'SKU-A2', '4')] });

    expect(result.ok && result.value[0]).toMatchObject({
      sku: 'SKU-A',
      shipped: '10',
      reserved: '0',
      substitutions: [{ shipmentId: 'WH/OUT/3', sku: 'SKU-A2', quantity: '4' }],
    });
  });

  it('leaves lines the shipment does not name as they were', () => {
    const lines = [aLine({ lineId: '1' }), aLine({ lineId: '2', reserved: '5' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/4', lines: [entry('1', 'SKU-A', '1')] });

    expect(result.ok && result.value[1]).toBe(lines[1]);
  });

  it('refuses over-shipment with the figures it would have produced', () => {
    const lines = [aLine({ lineId: '1', ordered: '10', shipped: '6', cancelled: '1' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/5', lines: [entry('1', 'SKU-A', '3', '1')] });

    expect(result).toEqual({
      ok: false,
      error: [expect.objectContaining({ code: 'ORDER.OVER_SHIPMENT', lineId: '1', ordered: '10', shipped: '9', backordered: '1', cancelled: '1' })],
    });
  });

  it('refuses unknown lines, other units and negative quantities, listing every problem', () => {
    const lines = [aLine({ lineId: '1' }), aLine({ lineId: '2' })];

    const result = applyShipment(lines, { shipmentId: 'WH/OUT/6', lines: [entry('9', 'SKU-A', '1'), entry('1', 'SKU-A', '1', '0', 'kg'), entry('2', 'SKU-A', '-1')] });

    expect(!result.ok && result.error.map((problem) => problem.code)).toEqual([
      'ORDER.UNKNOWN_LINE',
      'ORDER.UNIT_MISMATCH',
      'ORDER.UNIT_MISMATCH',
      'ORDER.NEGATIVE_QUANTITY',
    ]);
  });

  it('refuses a shipment that ships and backorders nothing', () => {
    const result = applyShipment([aLine({ lineId: '1' })], { shipmentId: 'WH/OUT/7', lines: [entry('1', 'SKU-A', '0')] });

    expect(!result.ok && result.error).toEqual([expect.objectContaining({ code: 'ORDER.EMPTY_SHIPMENT', shipmentId: 'WH/OUT/7' })]);
  });
});
