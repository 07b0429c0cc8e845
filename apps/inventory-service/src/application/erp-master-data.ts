import type { ProductChanged, StockLevelChanged } from '@backbone/schemas';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { decideErpProductChange, type ErpProductDecision, type StockEvent, type StockEventOutcome } from '../domain';
import { StockSetupRepository } from '../persistence/stock-setup.repository';
import { IngestStockEvent } from './ingest-stock-event';

/** The source system of Odoo's stock levels in the ledger. */
export const ODOO_SOURCE = 'odoo';

/** A stock level for an Odoo location no location here is mapped to: not tracked, nothing written. */
export type StockLevelOutcome = StockEventOutcome | { outcome: 'UNMAPPED_LOCATION' };

/**
 * Odoo as a source on erp.masterdata.v1: ProductChanged maintains the product master (base unit,
 * active flag; never an older change over a newer one), StockLevelChanged records Odoo's on-hand
 * level as a count from source "odoo" where a location is mapped to that Odoo location. Counts go
 * through the stock ledger's rules: applied only where Odoo is the on-hand authority (elsewhere
 * NOT_AUTHORITATIVE), an older level is STALE, a replay of the same quant state is a duplicate.
 * Odoo's reserved quantity (held for its pickings) is not recorded: reservations are this
 * service's own, and taking Odoo's as well would subtract the same orders twice.
 */
@Injectable()
export class ErpMasterData {
  constructor(private readonly ingest: IngestStockEvent) {}

  async applyProductChanged(trx: Knex.Transaction, product: ProductChanged): Promise<ErpProductDecision> {
    const current = await StockSetupRepository.lockProductMaster(trx, product.sku);
    const decision = decideErpProductChange(current, { sku: product.sku, uom: product.uom, active: product.active, changedAt: product.changedAt });
    if (decision.outcome === 'SAVE') await StockSetupRepository.saveProductMaster(trx, decision.product);
    return decision;
  }

  /** The outcome of each level, in order. */
  async recordStockLevels(trx: Knex.Transaction, levels: readonly StockLevelChanged[]): Promise<StockLevelOutcome[]> {
    const locations = await StockSetupRepository.locationsByOdooName(trx, [...new Set(levels.map((level) => level.locationId))]);
    const mapped = levels.flatMap((level) => {
      const locationId = locations.get(level.locationId);
      return locationId ? [{ level, event: toCount(level, locationId) }] : [];
    });
    const indexOf = new Map(mapped.map(({ level }, index) => [level, index]));
    const recorded = await this.ingest.executeMany(trx, mapped.map(({ event }) => event));
    return levels.map((level) => {
      const index = indexOf.get(level);
      return index === undefined ? { outcome: 'UNMAPPED_LOCATION' } : recorded[index];
    });
  }
}

function toCount(level: StockLevelChanged, locationId: string): StockEvent {
  return {
    kind: 'CYCLE_COUNT',
    quantityType: 'ON_HAND',
    sku: level.sku,
    locationId,
    quantity: level.onHand,
    // The quant's state is its identity: the same level re-sent (e.g. by an overlapping poll) is a duplicate.
    cause: { eventId: `stock.quant:${level.sku}@${level.locationId}@${level.changedAt.toISOString()}`, sourceSystem: ODOO_SOURCE, reasonCode: 'STOCK.ERP_LEVEL' },
    occurredAt: level.changedAt,
    sequence: null,
    reportedBy: 'ODOO',
  };
}
