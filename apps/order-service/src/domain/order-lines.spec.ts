import type { ReservationLine, ShipmentLine } from '@backbone/schemas';
import { applyReservation } from './line-reservation';
import { applyShipment } from './line-shipment';
import { decimals } from './money';
import { cancelRemaining, fulfilmentStatus, lineInvariantViolations, remainingQuantity, type OrderLine } from './order-lines';
import { aLine, pick, seededRandom } from './testing/order-builders';

describe('line quantities', () => {
  it('remaining is ordered minus cancelled minus shipped', () => {
    expect(remainingQuantity(aLine({ ordered: '10', shipped: '3', cancelled: '1.5' }))).toBe('5.5');
  });

  it('a consistent line has no invariant violations', () => {
    expect(lineInvariantViolations(aLine({ ordered: '10', reserved: '4', shipped: '3', backordered: '2', cancelled: '1' }))).toEqual([]);
  });

  it('reports every broken invariant', () => {
    expect(lineInvariantViolations(aLine({ ordered: '10', reserved: '5', shipped: '9', backordered: '3', cancelled: '-1' }))).toEqual([
      'cancelled -1 is negative',
      'shipped + backordered + cancelled 11 exceeds ordered 10',
      'reserved 5 exceeds remaining 2',
    ]);
  });

  it('reports shipped + backordered + cancelled above ordered', () => {
    expect(lineInvariantViolations(aLine({ ordered: '10', shipped: '8', backordered: '3' }))).toEqual(['shipped + backordered + cancelled 11 exceeds ordered 10']);
  });
});

describe('cancelRemaining', () => {
  it('cancels all that has not shipped, backorders included, and releases the reservations', () => {
    const lines = [aLine({ lineId: '1', ordered: '10', shipped: '4', backordered: '2', reserved: '3' }), aLine({ lineId: '2', sku: 'SKU-B', ordered: '5' })];

    const { lines: cancelled, released } = cancelRemaining(lines);

    expect(cancelled.map(({ shipped, cancelled: c, backordered, reserved }) => [shipped, c, backordered, reserved])).toEqual([
      ['4', '6', '0', '0'],
      ['0', '5', '0', '0'],
    ]);
    expect(released).toEqual([{ lineId: '1', sku: 'SKU-A', quantity: { value: '3', uom: 'Units' } }]);
  });
});

describe('fulfilmentStatus', () => {
  const two = (first: Partial<OrderLine>, second: Partial<OrderLine>) => [aLine({ lineId: '1', ...first }), aLine({ lineId: '2', ...second })];

  it.each([
    ['nothing has happened', 'NOT_SHIPPED', two({}, {})],
    ['everything shipped', 'SHIPPED', two({ shipped: '10' }, { shipped: '10' })],
    ['everything shipped or cancelled', 'SHIPPED', two({ shipped: '10' }, { cancelled: '10' })],
    ['everything cancelled', 'NOT_SHIPPED', two({ cancelled: '10' }, { cancelled: '10' })],
    ['one line shipped, the other still expected', 'PARTIALLY_SHIPPED', two({ shipped: '10' }, {})],
    ['some shipped, some backordered, some expected', 'PARTIALLY_SHIPPED', two({ shipped: '5', backordered: '5' }, {})],
    ['some shipped, all the rest backordered', 'BACKORDERED', two({ shipped: '5', backordered: '5' }, { backordered: '10' })],
    ['nothing shipped, part backordered', 'BACKORDERED', two({ backordered: '3' }, {})],
  ] as const)('%s → %s', (_case, status, lines) => {
    expect(fulfilmentStatus(lines)).toBe(status);
  });
});

describe('line invariants under random reservations, shipments and cancellations (seeded)', () => {
  const skus = ['SKU-A', 'SKU-B', 'SKU-C'];
  const quarterSteps = (random: () => number, max: number) => decimals.multiply(String(Math.floor(random() * max * 4)), '0.25');

  function randomLines(random: () => number): OrderLine[] {
    const count = 1 + Math.floor(random() * 4);
    return Array.from({ length: count }, (_, index) => aLine({ lineId: String(index + 1), sku: pick(random, skus), ordered: decimals.add(quarterSteps(random, 20), '0.25') }));
  }

  function randomReservation(random: () => number, lines: readonly OrderLine[]): ReservationLine[] {
    return [...new Set(lines.map((line) => line.sku)), ...(random() < 0.05 ? ['SKU-UNKNOWN'] : [])].flatMap((sku) =>
      Array.from({ length: 1 + Math.floor(random() * 2) }, (_, location) => {
        const reserved = quarterSteps(random, 12);
        const uom = random() < 0.05 ? 'kg' : 'Units';
        return { sku, locationId: random() < 0.1 ? null : `WH-${location}`, requested: { value: reserved, uom }, reserved: { value: reserved, uom } };
      }),
    );
  }

  function randomShipment(random: () => number, lines: readonly OrderLine[]): ShipmentLine[] {
    return lines
      .filter(() => random() < 0.7)
      .map((line) => ({
        lineId: random() < 0.03 ? 'no-such-line' : line.lineId,
        sku: random() < 0.1 ? 'SKU-SUBSTITUTE' : line.sku,
        shipped: { value: quarterSteps(random, 8), uom: 'Units' },
        backordered: { value: random() < 0.5 ? '0' : quarterSteps(random, 6), uom: random() < 0.03 ? 'kg' : 'Units' },
      }));
  }

  const expectConsistent = (lines: readonly OrderLine[]) => {
    for (const line of lines) expect([line.lineId, lineInvariantViolations(line)]).toEqual([line.lineId, []]);
  };

  it('hold after every accepted change, and accepted changes never undo shipments or cancellations', () => {
    const random = seededRandom(42);
    const outcomes = { accepted: 0, refused: 0 };
    for (let run = 0; run < 300; run += 1) {
      let lines = randomLines(random);
      for (let step = 0; step < 12; step += 1) {
        const operation = random();
        const result =
          operation < 0.45
            ? applyReservation(lines, randomReservation(random, lines))
            : operation < 0.95
              ? applyShipment(lines, { shipmentId: `S-${run}-${step}`, lines: randomShipment(random, lines) })
              : { ok: true as const, value: cancelRemaining(lines).lines };
        if (!result.ok) {
          outcomes.refused += 1;
          expect(result.error.length).toBeGreaterThan(0);
          continue;
        }
        outcomes.accepted += 1;
        const next = Array.isArray(result.value) ? result.value : result.value.lines;
        expectConsistent(next);
        next.forEach((line, index) => {
          expect(line.ordered).toBe(lines[index].ordered);
          expect(decimals.compare(line.shipped, lines[index].shipped)).toBeGreaterThanOrEqual(0);
          expect(decimals.compare(line.cancelled, lines[index].cancelled)).toBeGreaterThanOrEqual(0);
        });
        lines = next;
      }
    }
    // Both branches must be exercised for the property to mean anything.
    expect(outcomes.accepted).toBeGreaterThan(500);
    expect(outcomes.refused).toBeGreaterThan(500);
  });

  it('never refuse a confirmation that stays within the ordered quantities', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 300; run += 1) {
      let lines = randomLines(random);
      for (let step = 0; step < 6; step += 1) {
        const shipment = lines.map((line): ShipmentLine => {
          const shipped = decimals.min(quarterSteps(random, 6), remainingQuantity(line));
          const backordered = decimals.min(quarterSteps(random, 4), decimals.subtract(remainingQuantity(line), shipped));
          return { lineId: line.lineId, sku: line.sku, shipped: { value: shipped, uom: line.uom }, backordered: { value: backordered, uom: line.uom } };
        });
        const reservation = lines.map((line): ReservationLine => {
          const reserved = decimals.min(quarterSteps(random, 8), remainingQuantity(line));
          return { sku: line.sku, locationId: 'WH', requested: { value: remainingQuantity(line), uom: line.uom }, reserved: { value: reserved, uom: line.uom } };
        });
        const reserved = applyReservation(lines, reservation);
        expect(reserved.ok).toBe(true);
        if (reserved.ok) lines = reserved.value.lines;
        const shipped = applyShipment(lines, { shipmentId: `S-${run}-${step}`, lines: shipment });
        // A shipment that changes nothing is refused as empty; everything else must pass.
        if (!shipped.ok) expect(shipped.error.map((problem) => problem.code)).toEqual(['ORDER.EMPTY_SHIPMENT']);
        if (shipped.ok) lines = shipped.value;
        expectConsistent(lines);
      }
    }
  });
});
