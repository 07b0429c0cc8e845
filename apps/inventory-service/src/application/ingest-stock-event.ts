import { Outbox } from '@backbone/events';
import { DATABASE } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import {
  applyStockEvent,
  locationsOf,
  type CountMark,
  type InventoryEvent,
  type LedgerEntry,
  type StockEvent,
  type StockEventOutcome,
  type StockPosition,
} from '../domain';
import { AvailabilityRepository } from '../persistence/availability.repository';
import { causeKey, StockRepository } from '../persistence/stock.repository';
import { toOutgoing } from './outgoing-events';

const positionKey = (sku: string, locationId: string) => `${sku}\u0000${locationId}`;
const markKey = (mark: Pick<CountMark, 'sku' | 'locationId' | 'quantityType'>) => `${mark.sku}\u0000${mark.locationId}\u0000${mark.quantityType}`;

/**
 * Records WMS/3PL/Odoo stock movements: positions locked, ordering rules applied, ledger entries,
 * balances and StockChanged events written in one transaction (the caller's, when given). A batch
 * of movements costs a fixed handful of queries: state is loaded once, the movements are applied
 * one after another in memory (each sees the ones before it), and everything is written at the end.
 */
@Injectable()
export class IngestStockEvent {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly outbox: Outbox,
  ) {}

  async execute(event: StockEvent, trx?: Knex.Transaction): Promise<StockEventOutcome> {
    const [outcome] = trx ? await this.executeMany(trx, [event]) : await this.db.transaction((own) => this.executeMany(own, [event]));
    return outcome;
  }

  /** The outcome of each movement, in order. */
  async executeMany(trx: Knex.Transaction, events: readonly StockEvent[]): Promise<StockEventOutcome[]> {
    const skus = [...new Set(events.map((event) => event.sku))];
    const [products, locations] = await Promise.all([
      StockRepository.products(trx, skus),
      StockRepository.locations(trx, [...new Set(events.flatMap(locationsOf))]),
    ]);
    const locationsById = new Map(locations.map((location) => [location.locationId, location]));
    // Unknown SKUs or locations lock nothing; the domain rejects those movements with the reason.
    const known = events.filter((event) => products.has(event.sku) && locationsOf(event).every((locationId) => locationsById.has(locationId)));
    const keys = known.flatMap((event) => locationsOf(event).map((locationId) => ({ sku: event.sku, locationId })));
    const positions = new Map((await StockRepository.lockPositions(trx, keys)).map((position) => [positionKey(position.sku, position.locationId), position]));
    const counts = known.filter((event) => event.kind === 'CYCLE_COUNT');
    const [marks, recentEntries, recorded] = await Promise.all([
      StockRepository.countMarks(trx, keys).then((rows) => new Map(rows.map((mark) => [markKey(mark), mark]))),
      StockRepository.appliedDeltasSince(trx, keys, counts.map((count) => ({ sourceSystem: count.cause.sourceSystem, occurredAt: count.occurredAt, sequence: count.sequence }))),
      StockRepository.recordedCauses(trx, events.map((event) => event.cause)),
    ]);

    const recordedAt = new Date();
    const changedPositions = new Set<string>();
    const changedMarks = new Set<string>();
    const entries: LedgerEntry[] = [];
    const published: InventoryEvent[] = [];
    const outcomes = events.map((event) => {
      const here = locationsOf(event).map((locationId) => positionKey(event.sku, locationId));
      const outcome = applyStockEvent(
        event,
        {
          product: products.get(event.sku) ?? null,
          locations: locationsOf(event).flatMap((locationId) => locationsById.get(locationId) ?? []),
          positions: here.flatMap((key) => positions.get(key) ?? []),
          countMarks: [...marks.values()].filter((mark) => here.includes(positionKey(mark.sku, mark.locationId))),
          recentEntries: recentEntries.filter((entry) => entry.sku === event.sku),
          alreadyRecorded: event.cause.eventId !== null && recorded.has(causeKey(event.cause.sourceSystem, event.cause.eventId)),
        },
        recordedAt,
      );
      if (outcome.outcome !== 'RECORDED') return outcome;
      for (const position of outcome.positions) changedPositions.add(keep(positions, positionKey(position.sku, position.locationId), position));
      for (const mark of outcome.countMarks) changedMarks.add(keep(marks, markKey(mark), mark));
      entries.push(...outcome.entries);
      recentEntries.push(...outcome.entries.filter((entry) => entry.status === 'APPLIED' && entry.changeKind === 'DELTA'));
      if (event.cause.eventId !== null) recorded.add(causeKey(event.cause.sourceSystem, event.cause.eventId));
      published.push(...outcome.events);
      return outcome;
    });

    const finalPositions = [...changedPositions].map((key) => positions.get(key) as StockPosition);
    await StockRepository.save(trx, { positions: finalPositions, countMarks: [...changedMarks].map((key) => marks.get(key) as CountMark), entries });
    await AvailabilityRepository.markPending(trx, finalPositions);
    await this.outbox.append(trx, published.map(toOutgoing));
    return outcomes;
  }
}

function keep<T>(map: Map<string, T>, key: string, value: T): string {
  map.set(key, value);
  return key;
}
