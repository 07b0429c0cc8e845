import type { QuantityType } from '@backbone/schemas';
import { applyStockEvent, type StockEventOutcome } from './apply-stock-event';
import type { LedgerEntry } from './ledger-entry';
import { compareSourceClocks, deltasAfterCount, isStaleCount, isSupersededDelta, type CountMark, type SourceClock } from './ordering-rules';
import type { StockEvent } from './stock-event';
import { positionKey, type StockPosition } from './stock-position';
import { at, count, countMark, ledgerEntry, location, movement, product, SKU, transfer } from './testing/stock-builders';

function clock(minute: number, sourceSystem = 'wms', sequence: number | null = null): SourceClock {
  return { sourceSystem, occurredAt: at(minute), sequence };
}

describe('ordering rules', () => {
  describe('compareSourceClocks', () => {
    it('orders one source by its sequence, even against its clock', () => {
      expect(compareSourceClocks(clock(9, 'wms', 1), clock(1, 'wms', 2))).toBeLessThan(0);
    });

    it('orders by time across sources, or when a side has no sequence', () => {
      expect(compareSourceClocks(clock(9, 'wms', 1), clock(1, '3pl', 2))).toBeGreaterThan(0);
      expect(compareSourceClocks(clock(9, 'wms', 1), clock(1, 'wms', null))).toBeGreaterThan(0);
      expect(compareSourceClocks(clock(4), clock(4))).toBe(0);
    });
  });

  describe('rule 2: a delta at or before the latest count is superseded', () => {
    it.each([
      [3, true],
      [5, true],
      [6, false],
    ])('delta at minute %i against a count at minute 5: superseded = %s', (minute, superseded) => {
      expect(isSupersededDelta(clock(minute), countMark(5))).toBe(superseded);
    });

    it('never supersedes a delta when nothing was counted', () => {
      expect(isSupersededDelta(clock(0), undefined)).toBe(false);
    });
  });

  describe('rule 3: a count older than the latest count is stale', () => {
    it.each([
      [4, true],
      [5, false],
      [6, false],
    ])('count at minute %i against a count at minute 5: stale = %s', (minute, stale) => {
      expect(isStaleCount(clock(minute), countMark(5))).toBe(stale);
    });

    it('uses the sequence of the same source', () => {
      expect(isStaleCount(clock(9, 'wms', 7), countMark(5, { sequence: 8 }))).toBe(true);
    });
  });

  describe('rule 4: deltasAfterCount', () => {

    it('sums the applied deltas of the counted figure that occurred after the count', () => {
      const entries = [
        ledgerEntry(4, '100'),
        ledgerEntry(5, '100'),
        ledgerEntry(6, '2'),
        ledgerEntry(7, '-0.5'),
        ledgerEntry(8, '100', { status: 'SUPERSEDED' }),
        ledgerEntry(8, '100', { changeKind: 'ABSOLUTE' }),
        ledgerEntry(8, '100', { quantityType: 'QUARANTINED' }),
        ledgerEntry(8, '100', { locationId: 'WH2' }),
        ledgerEntry(8, '100', { sku: 'OTHER' }),
      ];
      expect(deltasAfterCount(countMark(5), entries)).toBe('1.5');
    });
  });
});

function sameSource(entry: LedgerEntry, event: StockEvent): boolean {
  return entry.cause.sourceSystem === event.cause.sourceSystem;
}

/** Stands in for the persistence layer: keeps what applyStockEvent returns and loads what it needs. */
class InMemoryStock {
  private readonly positions = new Map<string, StockPosition>();
  private readonly countMarks = new Map<string, CountMark>();
  readonly ledger: LedgerEntry[] = [];
  private readonly locations = [
    location('WH1', { allowNegativeOnHand: true }),
    location('WH2'),
    location('TRANSIT', { kind: 'IN_TRANSIT' }),
  ];

  deliver(event: StockEvent): StockEventOutcome {
    const outcome = applyStockEvent(
      event,
      {
        product,
        locations: this.locations,
        positions: [...this.positions.values()],
        countMarks: [...this.countMarks.values()],
        recentEntries: this.ledger.filter((entry) => entry.status === 'APPLIED' && this.mayFollow(entry, event)),
        alreadyRecorded: this.ledger.some((entry) => sameSource(entry, event) && entry.cause.eventId === event.cause.eventId),
      },
      at(999),
    );
    if (outcome.outcome === 'RECORDED') {
      this.ledger.push(...outcome.entries);
      for (const changed of outcome.positions) this.positions.set(positionKey(changed.sku, changed.locationId), changed);
      for (const changed of outcome.countMarks) this.countMarks.set(`${changed.locationId}/${changed.quantityType}`, changed);
    }
    return outcome;
  }

  /** The documented query: deltas at or after the event, or later in the same source's sequence. */
  private mayFollow(entry: LedgerEntry, event: StockEvent): boolean {
    const laterInSequence = sameSource(entry, event) && (entry.sequence ?? -Infinity) > (event.sequence ?? Infinity);
    return entry.changeKind === 'DELTA' && (entry.occurredAt >= event.occurredAt || laterInSequence);
  }

  balance(locationId: string, quantityType: QuantityType = 'ON_HAND'): string {
    return this.positions.get(positionKey(SKU, locationId))?.balances[quantityType] ?? '0';
  }
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let index = 0; index < items.length; index++) {
    for (const rest of permutations([...items.slice(0, index), ...items.slice(index + 1)])) yield [items[index], ...rest];
  }
}

describe('ordering rules applied to deliveries', () => {
  it('rule 1: a redelivered event changes nothing', () => {
    const stock = new InMemoryStock();
    stock.deliver(movement('RECEIPT', '5', { eventId: 'r-1' }));

    expect(stock.deliver(movement('RECEIPT', '5', { eventId: 'r-1' }))).toEqual({ outcome: 'DUPLICATE' });
    expect(stock.balance('WH1')).toBe('5');
    expect(stock.ledger).toHaveLength(1);
  });

  it('rule 2: a delta older than the applied count is recorded as superseded and leaves the balance', () => {
    const stock = new InMemoryStock();
    stock.deliver(count('10', { minute: 5 }));

    const late = stock.deliver(movement('RECEIPT', '4', { minute: 3 }));

    expect(late).toMatchObject({ outcome: 'RECORDED', entries: [{ status: 'SUPERSEDED', balanceAfter: '10' }], positions: [], events: [] });
    expect(stock.balance('WH1')).toBe('10');
  });

  it('rule 3: a count older than the applied count is recorded as stale and ignored', () => {
    const stock = new InMemoryStock();
    stock.deliver(count('10', { minute: 5 }));

    const late = stock.deliver(count('99', { minute: 3 }));

    expect(late).toMatchObject({ outcome: 'RECORDED', entries: [{ status: 'STALE' }], positions: [], countMarks: [], events: [] });
    expect(stock.balance('WH1')).toBe('10');
  });

  it('rule 4: a count arriving after newer deltas keeps them on top, and publishes the resulting level', () => {
    const stock = new InMemoryStock();
    stock.deliver(movement('ADJUSTMENT', '2', { minute: 6 }));
    stock.deliver(movement('ADJUSTMENT', '-0.5', { minute: 7, sourceSystem: 'backbone' }));

    const counted = stock.deliver(count('10', { minute: 5 }));

    expect(stock.balance('WH1')).toBe('11.5');
    expect(counted).toMatchObject({
      entries: [{ changeKind: 'ABSOLUTE', quantity: { value: '10' }, balanceAfter: '11.5' }],
      events: [{ payload: { changeKind: 'ABSOLUTE', quantity: { value: '11.5' } } }],
    });
  });

  it('rule 5: a source sequence beats a skewed source clock', () => {
    const stock = new InMemoryStock();
    stock.deliver(count('10', { minute: 1, sequence: 8 }));

    expect(stock.deliver(movement('RECEIPT', '4', { minute: 9, sequence: 7 }))).toMatchObject({ entries: [{ status: 'SUPERSEDED' }] });
    expect(stock.deliver(movement('RECEIPT', '1', { minute: 0, sequence: 9 }))).toMatchObject({ entries: [{ status: 'APPLIED' }] });
    expect(stock.balance('WH1')).toBe('11');
  });

  describe('every delivery order ends on the in-order balance', () => {
    const figures: [string, QuantityType][] = [
      ['WH1', 'ON_HAND'],
      ['WH1', 'QUARANTINED'],
      ['TRANSIT', 'IN_TRANSIT'],
      ['WH2', 'ON_HAND'],
    ];

    function finalBalances(events: readonly StockEvent[]): string[] {
      const stock = new InMemoryStock();
      for (const event of events) stock.deliver(event);
      return figures.map(([locationId, quantityType]) => stock.balance(locationId, quantityType));
    }

    it.each<[string, StockEvent[], string[]]>([
      [
        'deltas around two counts',
        [
          movement('RECEIPT', '10', { minute: 1 }),
          movement('ADJUSTMENT', '-3', { minute: 2 }),
          count('20', { minute: 3 }),
          movement('ADJUSTMENT', '2', { minute: 4 }),
          movement('RECEIPT', '5', { minute: 5 }),
          count('30', { minute: 6 }),
          movement('ADJUSTMENT', '-1.25', { minute: 7 }),
        ],
        ['28.75', '0', '0', '0'],
      ],
      [
        'sequences that disagree with the clock',
        [
          movement('RECEIPT', '10', { minute: 9, sequence: 1 }),
          count('4', { minute: 1, sequence: 2 }),
          movement('ADJUSTMENT', '3', { minute: 0, sequence: 3 }),
          count('7', { minute: 2, sequence: 4 }),
          movement('ADJUSTMENT', '-2', { minute: 8, sequence: 5 }),
        ],
        ['5', '0', '0', '0'],
      ],
      [
        'several sources and a redelivery',
        [
          movement('RECEIPT', '8', { minute: 1, sourceSystem: '3pl-east' }),
          count('6', { minute: 2 }),
          movement('ADJUSTMENT', '-1', { minute: 3, sourceSystem: 'backbone' }),
          movement('ADJUSTMENT', '-1', { minute: 3, sourceSystem: 'backbone' }),
          movement('RECEIPT', '2', { minute: 4, sourceSystem: '3pl-east' }),
          count('9', { minute: 1, sourceSystem: '3pl-east' }),
        ],
        ['7', '0', '0', '0'],
      ],
      [
        'moves, transfers and counts of several figures',
        [
          movement('RECEIPT', '20', { minute: 1 }),
          movement('MOVE_TO_QUARANTINE', '5', { minute: 2 }),
          count('4', { minute: 3, quantityType: 'QUARANTINED' }),
          movement('MOVE_FROM_QUARANTINE', '1', { minute: 4 }),
          transfer('TRANSFER_OUT', '6', 'TRANSIT', { minute: 5 }),
          transfer('TRANSFER_IN', '6', 'TRANSIT', { minute: 6, locationId: 'WH2' }),
          count('11', { minute: 7 }),
        ],
        ['11', '3', '0', '6'],
      ],
    ])('%s', (_history, inOrder, expected) => {
      expect(finalBalances(inOrder)).toEqual(expected);
      for (const delivery of permutations(inOrder)) expect(finalBalances(delivery)).toEqual(expected);
    });
  });
});
