import { Outbox } from '@backbone/events';
import { DATABASE } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { applyStockEvent, locationsOf, type StockEvent, type StockEventOutcome } from '../domain';
import { AvailabilityRepository } from '../persistence/availability.repository';
import { StockRepository } from '../persistence/stock.repository';
import { toOutgoing } from './outgoing-events';

/**
 * Records a WMS/3PL/Odoo stock movement: positions locked, ordering rules applied, ledger entries,
 * balances and StockChanged events written in one transaction (in the caller's, when given).
 */
@Injectable()
export class IngestStockEvent {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly outbox: Outbox,
  ) {}

  execute(event: StockEvent, trx?: Knex.Transaction): Promise<StockEventOutcome> {
    return trx ? this.apply(trx, event) : this.db.transaction((own) => this.apply(own, event));
  }

  private async apply(trx: Knex.Transaction, event: StockEvent): Promise<StockEventOutcome> {
    const locationIds = locationsOf(event);
    const [product, locations] = await Promise.all([StockRepository.product(trx, event.sku), StockRepository.locations(trx, locationIds)]);
    const keys = locationIds.map((locationId) => ({ sku: event.sku, locationId }));
    // Unknown SKU or location: nothing to lock; the domain rejects the event with the reason.
    const known = product !== null && locations.length === locationIds.length;
    const positions = known ? await StockRepository.lockPositions(trx, keys) : [];
    const [countMarks, recentEntries, alreadyRecorded] = await Promise.all([
      known ? StockRepository.countMarks(trx, keys) : [],
      known && event.kind === 'CYCLE_COUNT'
        ? StockRepository.appliedDeltasSince(trx, keys, { sourceSystem: event.cause.sourceSystem, occurredAt: event.occurredAt, sequence: event.sequence })
        : [],
      StockRepository.isRecorded(trx, event.cause.sourceSystem, event.cause.eventId),
    ]);

    const outcome = applyStockEvent(event, { product, locations, positions, countMarks, recentEntries, alreadyRecorded }, new Date());
    if (outcome.outcome === 'RECORDED') {
      await StockRepository.save(trx, outcome);
      await AvailabilityRepository.markPending(trx, outcome.positions);
      await this.outbox.append(trx, outcome.events.map(toOutgoing));
    }
    return outcome;
  }
}
