import {
  applyStockEvent,
  availableToPromise,
  channelAvailabilityChange,
  consumeReservation,
  releaseReservation,
  reserveOrder,
  type ChannelConfig,
  type CountMark,
  type LocationConfig,
  type ProductUnits,
  type StockEvent,
  type StockPosition,
} from './index';

const product: ProductUnits = { sku: 'MUG-1', baseUnit: 'Units', basePerUnit: { 'Box of 12': '12' } };
const locations: LocationConfig[] = [
  { locationId: 'WH1', kind: 'WAREHOUSE', onHandAuthority: 'WMS', allowNegativeOnHand: false },
  { locationId: 'WH2', kind: 'THREE_PL', onHandAuthority: 'WMS', allowNegativeOnHand: false },
  { locationId: 'TRANSIT', kind: 'IN_TRANSIT', onHandAuthority: 'WMS', allowNegativeOnHand: false },
];
const webshop: ChannelConfig = {
  channel: 'webshop',
  locationIds: ['WH1', 'WH2'],
  buffer: { kind: 'PERCENTAGE', percent: '10' },
  reorderPoints: {},
  defaultReorderPoint: '10',
};
const minute = (n: number) => new Date(Date.UTC(2026, 2, 1, 9, n));

/** What the persistence layer would hold between transactions. */
let positions: StockPosition[] = [];
let countMarks: CountMark[] = [];

function save(changed: readonly StockPosition[], marks: readonly CountMark[] = []): void {
  const key = (held: StockPosition) => `${held.sku}@${held.locationId}`;
  const replaced = new Set(changed.map(key));
  positions = [...positions.filter((held) => !replaced.has(key(held))), ...changed];
  countMarks = [...countMarks, ...marks];
}

/** The fields every WMS message shares. */
function fromWms(eventId: string, occurredAt: Date) {
  const cause = { eventId, sourceSystem: 'wms', reasonCode: 'STOCK.MOVE' };
  return { sku: 'MUG-1', sequence: null, reportedBy: 'WMS', cause, occurredAt } as const;
}

function ingest(event: StockEvent): void {
  const state = { product, locations, positions, countMarks, recentEntries: [], alreadyRecorded: false };
  const outcome = applyStockEvent(event, state, minute(59));
  if (outcome.outcome !== 'RECORDED') throw new Error(`not recorded: ${JSON.stringify(outcome)}`);
  save(outcome.positions, outcome.countMarks);
}

const units = (value: string) => ({ value, uom: 'Units' });
const figures = () => positions.map((held) => [held.locationId, held.balances.ON_HAND, held.balances.RESERVED, availableToPromise(held)]);

describe('inventory domain, through its public API', () => {
  it('receives, transfers, reserves, publishes availability, ships and cancels without losing a unit', () => {
    ingest({ kind: 'RECEIPT', locationId: 'WH1', quantity: { value: '4', uom: 'Box of 12' }, ...fromWms('w-1', minute(1)) });
    ingest({ kind: 'TRANSFER_OUT', locationId: 'WH1', transitLocationId: 'TRANSIT', quantity: units('18'), ...fromWms('w-2', minute(2)) });
    ingest({ kind: 'TRANSFER_IN', locationId: 'WH2', transitLocationId: 'TRANSIT', quantity: units('18'), ...fromWms('w-3', minute(3)) });
    expect(figures()).toEqual([
      ['WH1', '30', '0', '30'],
      ['TRANSIT', '0', '0', '0'],
      ['WH2', '18', '0', '18'],
    ]);

    const trigger = { eventId: 'validated-1', sourceSystem: 'order-service' };
    const before = positions;
    const decision = reserveOrder(
      {
        orderId: 'order-1',
        lines: [{ lineId: 'L1', sku: 'MUG-1', quantity: units('40') }],
        policy: 'ALL_OR_NOTHING',
        locationIds: webshop.locationIds,
        preferredLocationId: 'WH2',
        trigger,
        occurredAt: minute(4),
      },
      positions,
      minute(59),
    );
    expect(decision.status).toBe('CONFIRMED');
    save(decision.positions);
    expect(figures()).toEqual([
      ['TRANSIT', '0', '0', '0'],
      ['WH2', '18', '18', '0'],
      ['WH1', '30', '22', '8'],
    ]);

    const availability = channelAvailabilityChange(webshop, 'MUG-1', before, positions);
    expect(availability).toMatchObject({ before: '43', after: '7', reorderPointCrossed: { reorderPoint: '10', available: '7' } });

    const shipped = [{ lineId: 'L1', sku: 'MUG-1', shipped: units('25') }];
    const shipping = { reservation: decision.reservation, lines: shipped, trigger, shippedAt: minute(5) };
    const shipment = consumeReservation(shipping, { positions, countMarks }, minute(59));
    if (shipment.outcome !== 'CONSUMED') throw new Error(shipment.error.message);
    save(shipment.positions);

    const reason = { code: 'ORDER.CUSTOMER_REQUEST', message: 'rest not wanted' };
    const cancelling = { reservation: shipment.reservation, reason, trigger, occurredAt: minute(6) };
    const cancellation = releaseReservation(cancelling, positions, minute(59));
    save(cancellation.positions);

    expect(figures()).toEqual([
      ['TRANSIT', '0', '0', '0'],
      ['WH2', '0', '0', '0'],
      ['WH1', '23', '0', '23'],
    ]);
    expect(cancellation.events.at(-1)?.payload).toMatchObject({ lines: [{ locationId: 'WH1', reserved: { value: '15' } }] });
  });
});
