import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { externalId, externalIdName } from '../domain/erp-writes/external-id';
import { SyncRefusalCode } from '../domain/erp-writes/sale-order-mapping';
import { countedLevel, stockSubject, type StockChange } from '../domain/erp-writes/stock-count';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { SyncJobsRepository } from '../persistence/sync-jobs.repository';
import { ensureExternalIds } from './external-ids';
import { findProducts } from './odoo-lookups';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';

export interface StockCountPayload extends Record<string, unknown>, StockChange {
  sku: string;
  locationId: string;
}

interface Figure {
  sku: string;
  locationId: string;
  jobs: SyncJob[];
}

/**
 * StockChanged at a location Odoo mirrors → an inventory count in Odoo (stock.quant
 * `inventory_quantity` in inventory mode, then `action_apply_inventory`), one count per SKU and
 * location per batch however many changes it had, all in two calls. The level is worked out
 * once and kept on the job, so a retry after a lost answer counts the same level, never adds twice.
 */
@Injectable()
export class SyncStockCounts implements SyncExecutor {
  readonly kind = 'stock-count';
  readonly odooModel = 'stock.quant';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly jobs: SyncJobsRepository,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const figures = [...Map.groupBy(jobs, (job) => job.subjectId).values()].map((ofFigure): Figure => {
      const { sku, locationId } = ofFigure[0]!.payload as StockCountPayload;
      return { sku, locationId, jobs: ofFigure };
    });
    const [products, locations] = await Promise.all([findProducts(odoo, figures.map((figure) => figure.sku)), this.findLocations(odoo, figures.map((figure) => figure.locationId))]);
    const countable: Array<Figure & { productId: number; odooLocationId: number }> = [];
    for (const figure of figures) {
      const productId = products.get(figure.sku);
      const odooLocationId = locations.get(figure.locationId);
      if (productId !== undefined && odooLocationId !== undefined) countable.push({ ...figure, productId, odooLocationId });
      else for (const job of figure.jobs) await this.outcomes.refused(trx, job, unknownFigure(figure, productId === undefined), this.odooModel);
    }
    if (countable.length === 0) return;

    const quants = await odoo.searchRead<{ product_id: [number, string]; location_id: [number, string]; quantity: number }>('stock.quant', {
      domain: [
        ['product_id', 'in', countable.map((figure) => figure.productId)],
        ['location_id', 'in', countable.map((figure) => figure.odooLocationId)],
      ],
      fields: ['product_id', 'location_id', 'quantity'],
    });
    const levels = countable.map((figure) => {
      const current = quants.find((quant) => quant.product_id[0] === figure.productId && quant.location_id[0] === figure.odooLocationId)?.quantity ?? 0;
      return countedLevel(current, figure.jobs.map((job) => job.payload as StockCountPayload));
    });
    // Kept before Odoo is asked: committed with the reschedule if the answer is lost.
    await this.jobs.updatePayloads(
      trx,
      countable.flatMap((figure, index) => figure.jobs.map((job) => ({ jobId: job.id, payload: { ...job.payload, target: levels[index] } }))),
    );

    const context = { inventory_mode: true };
    const quantIds = await odoo.create(
      'stock.quant',
      countable.map((figure, index) => ({ product_id: figure.productId, location_id: figure.odooLocationId, inventory_quantity: levels[index] })),
      context,
    );
    await odoo.call('stock.quant', 'action_apply_inventory', { ids: quantIds, context });
    const names = countable.map((figure) => externalIdName('quant', stockSubject(figure.sku, figure.locationId)));
    await ensureExternalIds(odoo, this.odooModel, names.map((name, index) => ({ name, resId: quantIds[index]! })), true);
    await this.outcomes.written(
      trx,
      countable.flatMap((figure, index) =>
        figure.jobs.map((job) => ({ job, record: { odooModel: this.odooModel, odooIds: [quantIds[index]!], odooName: null, externalId: externalId('quant', stockSubject(figure.sku, figure.locationId)) } })),
      ),
    );
  }

  /** Internal locations by full name ("WH/Stock"), the backbone's location ids for mirrored stock. */
  private async findLocations(odoo: OdooClient, names: string[]): Promise<Map<string, number>> {
    const rows = await odoo.searchRead<{ id: number; complete_name: string }>('stock.location', {
      domain: [
        ['complete_name', 'in', [...new Set(names)]],
        ['usage', '=', 'internal'],
      ],
      fields: ['complete_name'],
    });
    return new Map(rows.map((row) => [row.complete_name, row.id]));
  }
}

function unknownFigure(figure: Figure, productMissing: boolean) {
  return productMissing
    ? {
        code: SyncRefusalCode.unknownProduct,
        message: `No Odoo product has internal reference ${figure.sku}: create it in Odoo, then retry`,
        details: { sku: figure.sku, locationId: figure.locationId },
      }
    : {
        code: SyncRefusalCode.unknownLocation,
        message: `No internal Odoo location is named ${figure.locationId}: fix ODOO_STOCK_MIRROR_LOCATIONS or the location in Odoo, then retry`,
        details: { sku: figure.sku, locationId: figure.locationId },
      };
}
