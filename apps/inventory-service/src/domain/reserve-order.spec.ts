import { compareQuantities, minus, plus, sumQuantities } from './quantity';
import { reserveOrder, type ReserveOrder } from './reserve-order';
import { reservedOf, type LineRequest } from './reservation';
import type { ReservationPolicy } from './reservation-policy';
import { availableToPromise, positionKey, type StockPosition } from './stock-position';
import { at, position } from './testing/stock-builders';

const units = (value: string) => ({ value, uom: 'Units' });
const line = (lineId: string, value: string, sku = 'SKU-1'): LineRequest => ({ lineId, sku, quantity: units(value) });

function command(overrides: Partial<ReserveOrder> = {}): ReserveOrder {
  return {
    orderId: 'order-1',
    lines: [line('L1', '4')],
    policy: 'ALLOW_PARTIAL',
    locationIds: ['WH1', 'WH2', 'WH3'],
    preferredLocationId: null,
    trigger: { eventId: 'validated-1', sourceSystem: 'inventory-service' },
    occurredAt: at(1),
    ...overrides,
  };
}

const stock = [position('WH1', { ON_HAND: '5' }), position('WH2', { ON_HAND: '10', RESERVED: '2' }), position('WH3', { ON_HAND: '3' })];

function allocations(decision: ReturnType<typeof reserveOrder>) {
  return decision.reservation.lines.flatMap((reserved) =>
    reserved.allocations.map((held) => [reserved.lineId, held.locationId, held.quantity.value]),
  );
}

describe('reserveOrder', () => {
  it('reserves at the location with most available to promise, and publishes the reserved change and the confirmation', () => {
    const decision = reserveOrder(command(), stock, at(2));

    expect(decision.status).toBe('CONFIRMED');
    expect(allocations(decision)).toEqual([['L1', 'WH2', '4']]);
    expect(decision.positions).toEqual([position('WH2', { ON_HAND: '10', RESERVED: '6' })]);
    expect(decision.entries).toEqual([
      expect.objectContaining({
        locationId: 'WH2',
        quantityType: 'RESERVED',
        changeKind: 'DELTA',
        quantity: units('4'),
        cause: { eventId: 'validated-1', sourceSystem: 'inventory-service', reasonCode: 'STOCK.RESERVATION' },
        occurredAt: at(1),
        recordedAt: at(2),
        status: 'APPLIED',
        balanceAfter: '6',
      }),
    ]);
    expect(decision.events.map((event) => event.type)).toEqual([
      'backbone.inventory.StockChanged',
      'backbone.inventory.ReservationConfirmed',
    ]);
    expect(decision.events[1].payload).toEqual({
      orderId: 'order-1',
      lines: [{ sku: 'SKU-1', locationId: 'WH2', requested: units('4'), reserved: units('4') }],
    });
  });

  it('asks the preferred warehouse first, even when another has more', () => {
    const decision = reserveOrder(command({ preferredLocationId: 'WH3' }), stock, at(2));

    expect(allocations(decision)).toEqual([
      ['L1', 'WH3', '3'],
      ['L1', 'WH2', '1'],
    ]);
  });

  it('ignores a preferred warehouse that may not serve the order', () => {
    expect(allocations(reserveOrder(command({ preferredLocationId: 'WH9' }), stock, at(2)))).toEqual([['L1', 'WH2', '4']]);
  });

  it('breaks availability ties by location id', () => {
    const tied = [position('WH-B', { ON_HAND: '5' }), position('WH-A', { ON_HAND: '5' })];

    expect(allocations(reserveOrder(command({ locationIds: ['WH-B', 'WH-A'] }), tied, at(2)))).toEqual([['L1', 'WH-A', '4']]);
  });

  it('lets lines of the same SKU share its stock', () => {
    const decision = reserveOrder(command({ lines: [line('L1', '7'), line('L2', '7')] }), stock, at(2));

    expect(allocations(decision)).toEqual([['L1', 'WH2', '7'], ['L2', 'WH1', '5'], ['L2', 'WH3', '2']]);
    expect(decision.positions.map((changed) => [changed.locationId, changed.balances.RESERVED])).toEqual([
      ['WH2', '9'],
      ['WH1', '5'],
      ['WH3', '2'],
    ]);
  });

  it('reserves what it can under ALLOW_PARTIAL and says what is missing', () => {
    const order = command({ lines: [line('L1', '2', 'SKU-2'), line('L2', '20')] });

    const decision = reserveOrder(order, [...stock, position('WH1', { ON_HAND: '9' }, 'SKU-2')], at(2));

    expect(decision.status).toBe('PARTIAL');
    expect(decision.reservation.lines.map(reservedOf)).toEqual(['2', '16']);
    expect(decision.events.at(-1)).toEqual({
      type: 'backbone.inventory.ReservationPartial',
      payload: {
        orderId: 'order-1',
        lines: [
          { sku: 'SKU-2', locationId: 'WH1', requested: units('2'), reserved: units('2') },
          { sku: 'SKU-1', locationId: 'WH2', requested: units('8'), reserved: units('8') },
          { sku: 'SKU-1', locationId: 'WH1', requested: units('5'), reserved: units('5') },
          { sku: 'SKU-1', locationId: 'WH3', requested: units('3'), reserved: units('3') },
          { sku: 'SKU-1', locationId: null, requested: units('4'), reserved: units('0') },
        ],
      },
    });
  });

  it('reserves nothing under ALL_OR_NOTHING when one line falls short, and rejects as out of stock', () => {
    const decision = reserveOrder(command({ policy: 'ALL_OR_NOTHING', lines: [line('L1', '2'), line('L2', '2', 'SKU-2')] }), stock, at(2));

    expect(decision).toMatchObject({ status: 'REJECTED', entries: [], positions: [] });
    expect(decision.reservation.lines.map((rejected) => rejected.allocations)).toEqual([[], []]);
    expect(decision.events).toEqual([
      {
        type: 'backbone.inventory.ReservationRejected',
        payload: {
          orderId: 'order-1',
          lines: [
            { sku: 'SKU-1', locationId: null, requested: units('2'), reserved: units('0') },
            { sku: 'SKU-2', locationId: null, requested: units('2'), reserved: units('0') },
          ],
          reason: {
            code: 'INVENTORY.OUT_OF_STOCK',
            message: '1 of 2 order lines cannot be reserved in full at WH1, WH2, WH3 (policy ALL_OR_NOTHING)',
          },
        },
      },
    ]);
  });

  it('rejects under ALLOW_PARTIAL when nothing at all can be reserved', () => {
    expect(reserveOrder(command({ locationIds: [] }), stock, at(2))).toMatchObject({ status: 'REJECTED', entries: [] });
  });

  it('promises only on hand that is not reserved yet', () => {
    const taken = [position('WH1', { ON_HAND: '5', RESERVED: '5' }), position('WH2', { ON_HAND: '1', RESERVED: '3' })];

    expect(reserveOrder(command(), taken, at(2)).status).toBe('REJECTED');
  });

  it('does not change the positions it was given', () => {
    const given = structuredClone(stock);

    reserveOrder(command({ lines: [line('L1', '15')] }), given, at(2));

    expect(given).toEqual(stock);
  });
});

/** mulberry32: a small PRNG, so every run of the property tests sees the same inputs. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('reserveOrder over random inputs', () => {
  const random = seededRandom(20261123);
  const integer = (max: number) => Math.floor(random() * (max + 1));
  const pickOne = <T>(items: readonly T[]): T => items[integer(items.length - 1)];
  /** Quarter units written as decimal strings, never through a binary float. */
  const quantity = (maxWhole: number) => `${integer(maxWhole)}.${pickOne(['0', '25', '5', '75'])}`;
  const skus = ['SKU-1', 'SKU-2'];
  const locations = ['WH1', 'WH2', 'WH3', '3PL1'];

  function scenario(): { order: ReserveOrder; positions: StockPosition[] } {
    const someLocations = () => locations.filter(() => random() < 0.8);
    const positions = skus.flatMap((sku) =>
      someLocations().map((locationId) => position(locationId, { ON_HAND: quantity(12), RESERVED: quantity(8) }, sku)),
    );
    const locationIds = locations.filter(() => random() < 0.75);
    const lines = Array.from({ length: 1 + integer(4) }, (_, index) => line(`L${index}`, plus(quantity(10), '0.25'), pickOne(skus)));
    const policy: ReservationPolicy = pickOne(['ALL_OR_NOTHING', 'ALLOW_PARTIAL']);
    return { order: command({ lines, policy, locationIds, preferredLocationId: pickOne([null, ...locations]) }), positions };
  }

  const runs = Array.from({ length: 500 }, scenario);
  const before = (positions: readonly StockPosition[]) => new Map(positions.map((held) => [positionKey(held.sku, held.locationId), held]));

  it('never reserves more than a position had available to promise', () => {
    for (const { order, positions } of runs) {
      const loaded = before(positions);
      for (const after of reserveOrder(order, positions, at(2)).positions) {
        const was = loaded.get(positionKey(after.sku, after.locationId)) as StockPosition;
        expect(compareQuantities(minus(after.balances.RESERVED, was.balances.RESERVED), availableToPromise(was))).toBeLessThanOrEqual(0);
      }
    }
  });

  it('never reserves more than a line asked for, and only at the order locations', () => {
    for (const { order, positions } of runs) {
      for (const reserved of reserveOrder(order, positions, at(2)).reservation.lines) {
        expect(compareQuantities(reservedOf(reserved), reserved.requested.value)).toBeLessThanOrEqual(0);
        for (const held of reserved.allocations) expect(order.locationIds).toContain(held.locationId);
      }
    }
  });

  it('accounts for every reserved change with a ledger entry', () => {
    for (const { order, positions } of runs) {
      const decision = reserveOrder(order, positions, at(2));
      const loaded = before(positions);
      for (const after of decision.positions) {
        const booked = decision.entries.filter((entry) => entry.sku === after.sku && entry.locationId === after.locationId);
        const was = loaded.get(positionKey(after.sku, after.locationId)) as StockPosition;
        expect(plus(was.balances.RESERVED, sumQuantities(booked.map((entry) => entry.quantity.value)))).toBe(after.balances.RESERVED);
      }
    }
  });

  it('confirms exactly when the demand for every SKU fits the stock of the order locations, else follows the policy', () => {
    for (const { order, positions } of runs) {
      const loaded = before(positions);
      const atp = (sku: string, locationId: string) => availableToPromise(loaded.get(positionKey(sku, locationId)) ?? position(locationId));
      const supply = (sku: string) => sumQuantities(order.locationIds.map((locationId) => atp(sku, locationId)));
      const demand = (sku: string) =>
        sumQuantities(order.lines.filter((wanted) => wanted.sku === sku).map((wanted) => wanted.quantity.value));
      const fits = order.lines.every((wanted) => compareQuantities(demand(wanted.sku), supply(wanted.sku)) <= 0);
      const nothingThere = order.lines.every((wanted) => supply(wanted.sku) === '0');
      const expected = fits ? 'CONFIRMED' : order.policy === 'ALL_OR_NOTHING' || nothingThere ? 'REJECTED' : 'PARTIAL';

      const decision = reserveOrder(order, positions, at(2));

      expect(decision.status).toBe(expected);
      if (decision.status === 'REJECTED') expect([decision.entries, decision.positions]).toEqual([[], []]);
    }
  });

  it('leaves a line short only once the stock that may serve it is used up', () => {
    for (const { order, positions } of runs) {
      const decision = reserveOrder(order, positions, at(2));
      if (decision.status !== 'PARTIAL') continue;
      const stockAfter = before([...positions, ...decision.positions]);
      const short = decision.reservation.lines.filter((reserved) => compareQuantities(reservedOf(reserved), reserved.requested.value) < 0);
      for (const reserved of short) {
        for (const locationId of order.locationIds) {
          const held = stockAfter.get(positionKey(reserved.sku, locationId));
          if (held !== undefined) expect(availableToPromise(held)).toBe('0');
        }
      }
    }
  });

  it('decides the same whatever order the positions are loaded in', () => {
    for (const { order, positions } of runs.slice(0, 100)) {
      expect(reserveOrder(order, [...positions].reverse(), at(2)).reservation).toEqual(reserveOrder(order, positions, at(2)).reservation);
    }
  });
});
