import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { keepsBackorder, moveValues, type ShippedLine } from '../domain/erp-writes/delivery-quantities';
import { externalId, externalIdName } from '../domain/erp-writes/external-id';
import type { OdooProfile } from '../domain/erp-writes/odoo-profile';
import { SyncRefusalCode, type Refusal } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { ensureExternalIds, findExternalIds } from './external-ids';
import { findProducts, findSaleOrders } from './odoo-lookups';
import { OdooVersion } from './odoo-version';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';
import { writeEachOrAlone } from './each-or-alone';

export interface DeliveryPayload extends Record<string, unknown> {
  shipmentId: string;
  lines: ShippedLine[];
}

interface Picking {
  id: number;
  name: string;
  state: string;
  sale_id: [number, string] | false;
}

interface Delivery {
  job: SyncJob;
  payload: DeliveryPayload;
  pickingId: number;
}

interface WindowAction {
  res_model: string;
  context: Record<string, unknown>;
}

const OPEN = ['confirmed', 'waiting', 'assigned'];

/**
 * OrderShipmentRecorded → the order's delivery validated with the shipped quantities, the rest
 * kept as a backorder (stock.backorder.confirmation `process()`) when the shipment says so.
 * The picking gets `backbone.shipment_<shipmentId>` before it is touched, so a retry after a
 * lost answer finds it (validated or not) and never validates the backorder instead.
 */
@Injectable()
export class SyncDeliveries implements SyncExecutor {
  readonly kind = 'delivery';
  readonly odooModel = 'stock.picking';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly version: OdooVersion,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const profile = await this.version.get();
    const deliveries = await this.claimPickings(trx, odoo, jobs);
    const pickings = new Map(
      (await odoo.read<Picking>('stock.picking', deliveries.map((delivery) => delivery.pickingId), ['name', 'state', 'sale_id'])).map((picking) => [picking.id, picking]),
    );
    const open = deliveries.filter((delivery) => pickings.get(delivery.pickingId)!.state !== 'done');
    await this.recordQuantities(odoo, open, profile);
    const validated = new Set<number>();
    for (const backorder of [true, false]) {
      await this.validate(trx, odoo, open.filter((delivery) => keepsBackorder(delivery.payload.lines) === backorder), backorder, validated);
    }
    const done = deliveries.filter((delivery) => pickings.get(delivery.pickingId)!.state === 'done' || validated.has(delivery.pickingId));
    await this.outcomes.written(
      trx,
      done.map((delivery) => {
        const picking = pickings.get(delivery.pickingId)!;
        return { job: delivery.job, record: { odooModel: this.odooModel, odooIds: [picking.id], odooName: picking.name, externalId: externalId('shipment', delivery.payload.shipmentId) } };
      }),
    );
  }

  /** The picking each shipment validates: the one its external id names, else the order's open delivery (then named). */
  private async claimPickings(trx: Knex.Transaction, odoo: OdooClient, jobs: SyncJob[]): Promise<Delivery[]> {
    const nameOf = (job: SyncJob) => externalIdName('shipment', (job.payload as DeliveryPayload).shipmentId);
    const named = await findExternalIds(odoo, jobs.map(nameOf));
    const unnamed = jobs.filter((job) => !named.has(nameOf(job)));
    const saleOrders = unnamed.length > 0 ? await findSaleOrders(odoo, unnamed.map((job) => job.subjectId)) : new Map();
    const openPickings =
      saleOrders.size > 0
        ? await odoo.searchRead<Picking>('stock.picking', {
            domain: [
              ['sale_id', 'in', [...saleOrders.values()].map((saleOrder) => saleOrder.id)],
              ['picking_type_code', '=', 'outgoing'],
              ['state', 'in', OPEN],
            ],
            fields: ['sale_id'],
            order: 'id',
          })
        : [];
    const claimed: Array<{ name: string; resId: number }> = [];
    for (const job of unnamed) {
      const saleOrder = saleOrders.get(job.subjectId);
      const picking = saleOrder && openPickings.find((candidate) => candidate.sale_id && candidate.sale_id[0] === saleOrder.id);
      if (picking) claimed.push({ name: nameOf(job), resId: picking.id });
      else await this.outcomes.refused(trx, job, noOpenDelivery(job, saleOrder?.name), this.odooModel);
    }
    await ensureExternalIds(odoo, this.odooModel, claimed, false);
    for (const { name, resId } of claimed) named.set(name, resId);
    return jobs.filter((job) => named.has(nameOf(job))).map((job) => ({ job, payload: job.payload as DeliveryPayload, pickingId: named.get(nameOf(job))! }));
  }

  /** Writes the shipped quantities on the moves; moves given the same values share one write. */
  private async recordQuantities(odoo: OdooClient, deliveries: Delivery[], profile: OdooProfile): Promise<void> {
    if (deliveries.length === 0) return;
    const products = await findProducts(odoo, deliveries.flatMap((delivery) => delivery.payload.lines.map((line) => line.sku)));
    const moves = await odoo.searchRead<{ id: number; picking_id: [number, string]; product_id: [number, string]; product_uom_qty: number }>('stock.move', {
      domain: [['picking_id', 'in', deliveries.map((delivery) => delivery.pickingId)]],
      fields: ['picking_id', 'product_id', 'product_uom_qty'],
      order: 'id',
    });
    const writes = new Map<string, number[]>();
    for (const delivery of deliveries) {
      const shipped = new Map<number, number>();
      for (const line of delivery.payload.lines) {
        const productId = products.get(line.sku);
        if (productId !== undefined) shipped.set(productId, (shipped.get(productId) ?? 0) + line.shipped);
      }
      const ofPicking = moves.filter((move) => move.picking_id[0] === delivery.pickingId).map((move) => ({ id: move.id, productId: move.product_id[0], demand: move.product_uom_qty }));
      for (const { moveId, vals } of moveValues(ofPicking, shipped, profile)) {
        const key = JSON.stringify(vals);
        writes.set(key, [...(writes.get(key) ?? []), moveId]);
      }
    }
    for (const [vals, ids] of writes) await odoo.write('stock.move', ids, JSON.parse(vals) as Record<string, unknown>);
  }

  /** button_validate, then the backorder wizard with the action's context (Odoo acts only with it). */
  private validate(trx: Knex.Transaction, odoo: OdooClient, deliveries: Delivery[], backorder: boolean, validated: Set<number>): Promise<void> {
    return writeEachOrAlone(
      deliveries,
      async (batch) => {
        const ids = batch.map((delivery) => delivery.pickingId);
        const answer = await odoo.call<true | WindowAction>('stock.picking', 'button_validate', { ids });
        if (answer !== true && answer.res_model === 'stock.backorder.confirmation') {
          const [wizard] = await odoo.create('stock.backorder.confirmation', [{}], answer.context);
          await odoo.call('stock.backorder.confirmation', backorder ? 'process' : 'process_cancel_backorder', { ids: [wizard!], context: answer.context });
        }
        for (const id of ids) validated.add(id);
      },
      ({ job }, error) =>
        this.outcomes.refused(
          trx,
          job,
          { code: SyncRefusalCode.rejectedByOdoo, message: `Odoo refused to validate the delivery: ${error.message}`, details: { orderId: job.subjectId, odooCode: error.code } },
          this.odooModel,
        ),
    );
  }
}

function noOpenDelivery(job: SyncJob, saleOrderName: string | undefined): Refusal {
  return {
    code: SyncRefusalCode.noOpenDelivery,
    message: saleOrderName
      ? `Sale order ${saleOrderName} has no open delivery to record shipment ${(job.payload as DeliveryPayload).shipmentId} on`
      : `Order ${job.subjectId} has no sale order in Odoo to record its shipment on (see its ErpSyncFailed)`,
    details: { orderId: job.subjectId, shipmentId: (job.payload as DeliveryPayload).shipmentId },
  };
}
