import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { moveValues } from '../domain/erp-writes/delivery-quantities';
import { EXTERNAL_ID_MODULE, externalId, externalIdName } from '../domain/erp-writes/external-id';
import type { OdooProfile } from '../domain/erp-writes/odoo-profile';
import { SyncRefusalCode, type Refusal } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { ensureExternalIds, findExternalIds } from './external-ids';
import { findProducts, findSaleOrders, type SaleOrderRef } from './odoo-lookups';
import { OdooVersion } from './odoo-version';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';
import { writeEachOrAlone } from './each-or-alone';

export interface ReturnReceiptPayload extends Record<string, unknown> {
  rmaId: string;
  orderId: string;
  lines: Array<{ sku: string; quantity: number }>;
}

interface Picking {
  id: number;
  name: string;
  state: string;
}

/**
 * RmaReceived → a return of the order's delivery (stock.return.picking with the received
 * quantities, `create_returns` ≤17 / `action_create_returns` 18+), validated since the goods are
 * in. The return is named `backbone.rma_<rmaId>`; should that answer be lost, the retry adopts the
 * order's return that no RMA names yet instead of making a second.
 */
@Injectable()
export class SyncReturnReceipts implements SyncExecutor {
  readonly kind = 'return-receipt';
  readonly odooModel = 'stock.picking';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly version: OdooVersion,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const profile = await this.version.get();
    // Looked up for the whole batch at once: a batch never holds two jobs of one RMA (the claim takes one per subject).
    const returns = await findExternalIds(odoo, jobs.map((job) => returnName(job)));
    const orderIds = [...new Set(jobs.filter((job) => !returns.has(returnName(job))).map((job) => (job.payload as ReturnReceiptPayload).orderId))];
    const saleOrders = await findSaleOrders(odoo, orderIds);
    // One job at a time: each return is its own wizard and validation in Odoo.
    for (const job of jobs) {
      await writeEachOrAlone(
        [job],
        () => this.receive(trx, odoo, profile, job, returns, saleOrders),
        (_, error) => this.outcomes.refused(trx, job, refusal(job, `Odoo refused the return: ${error.message}`, SyncRefusalCode.rejectedByOdoo), this.odooModel),
      );
    }
  }

  private async receive(
    trx: Knex.Transaction,
    odoo: OdooClient,
    profile: OdooProfile,
    job: SyncJob,
    returns: ReadonlyMap<string, number>,
    saleOrders: ReadonlyMap<string, SaleOrderRef>,
  ): Promise<void> {
    const payload = job.payload as ReturnReceiptPayload;
    const name = returnName(job);
    let returnId = returns.get(name);
    if (returnId === undefined) {
      const saleOrder = saleOrders.get(payload.orderId);
      if (!saleOrder) return this.outcomes.refused(trx, job, refusal(job, `Order ${payload.orderId} has no sale order in Odoo to return goods against`), this.odooModel);
      returnId = (await this.unclaimedReturn(odoo, saleOrder.id)) ?? (await this.createReturn(odoo, profile, saleOrder.id, payload));
      if (returnId === undefined) return this.outcomes.refused(trx, job, refusal(job, `Sale order ${saleOrder.name} has no delivered goods to return`), this.odooModel);
      await ensureExternalIds(odoo, this.odooModel, [{ name, resId: returnId }], false);
    }
    const [picking] = await odoo.read<Picking>('stock.picking', [returnId], ['name', 'state']);
    if (picking!.state !== 'done') await this.validate(odoo, profile, returnId);
    await this.outcomes.written(trx, [{ job, record: { odooModel: this.odooModel, odooIds: [returnId], odooName: picking!.name, externalId: externalId('rma', payload.rmaId) } }]);
  }

  /** A return of this order that no RMA claims: made by a call whose answer was lost. */
  private async unclaimedReturn(odoo: OdooClient, saleOrderId: number): Promise<number | undefined> {
    const returns = await odoo.search('stock.picking', [
      ['sale_id', '=', saleOrderId],
      ['picking_type_code', '=', 'incoming'],
    ]);
    if (returns.length === 0) return undefined;
    const claimed = await odoo.searchRead<{ res_id: number }>('ir.model.data', {
      domain: [
        ['module', '=', EXTERNAL_ID_MODULE],
        ['model', '=', 'stock.picking'],
        ['res_id', 'in', returns],
      ],
      fields: ['res_id'],
    });
    return returns.find((id) => !claimed.some((row) => row.res_id === id));
  }

  private async createReturn(odoo: OdooClient, profile: OdooProfile, saleOrderId: number, payload: ReturnReceiptPayload): Promise<number | undefined> {
    const [delivery] = await odoo.search(
      'stock.picking',
      [
        ['sale_id', '=', saleOrderId],
        ['picking_type_code', '=', 'outgoing'],
        ['state', '=', 'done'],
      ],
      { order: 'id', limit: 1 },
    );
    if (delivery === undefined) return undefined;
    const context = { active_id: delivery, active_ids: [delivery], active_model: 'stock.picking' };
    const [wizard] = await odoo.create('stock.return.picking', [{ picking_id: delivery }], context);
    const lines = await odoo.searchRead<{ id: number; product_id: [number, string] }>('stock.return.picking.line', { domain: [['wizard_id', '=', wizard!]], fields: ['product_id'], order: 'id' });
    const products = await findProducts(odoo, payload.lines.map((line) => line.sku));
    const left = new Map<number, number>();
    for (const line of payload.lines) if (products.has(line.sku)) left.set(products.get(line.sku)!, (left.get(products.get(line.sku)!) ?? 0) + line.quantity);
    const byQuantity = new Map<number, number[]>();
    for (const line of lines) {
      const quantity = left.get(line.product_id[0]) ?? 0;
      left.delete(line.product_id[0]);
      byQuantity.set(quantity, [...(byQuantity.get(quantity) ?? []), line.id]);
    }
    // One write per distinct quantity (lines not returned all get 0 in one call).
    for (const [quantity, ids] of byQuantity) await odoo.write('stock.return.picking.line', ids, { quantity });
    const action = await odoo.call<{ res_id: number }>('stock.return.picking', profile.createReturnsMethod, { ids: [wizard!], context });
    return action.res_id;
  }

  private async validate(odoo: OdooClient, profile: OdooProfile, pickingId: number): Promise<void> {
    const moves = await odoo.searchRead<{ id: number; product_id: [number, string]; product_uom_qty: number }>('stock.move', {
      domain: [['picking_id', '=', pickingId]],
      fields: ['product_id', 'product_uom_qty'],
    });
    const received = new Map<number, number>();
    for (const move of moves) received.set(move.product_id[0], (received.get(move.product_id[0]) ?? 0) + move.product_uom_qty);
    const values = moveValues(moves.map((move) => ({ id: move.id, productId: move.product_id[0], demand: move.product_uom_qty })), received, profile);
    for (const { moveId, vals } of values) await odoo.write('stock.move', [moveId], vals);
    await odoo.call('stock.picking', 'button_validate', { ids: [pickingId] });
  }
}

function returnName(job: SyncJob): string {
  return externalIdName('rma', (job.payload as ReturnReceiptPayload).rmaId);
}

function refusal(job: SyncJob, message: string, code: string = SyncRefusalCode.noDeliveredGoods): Refusal {
  const payload = job.payload as ReturnReceiptPayload;
  return { code, message, details: { rmaId: payload.rmaId, orderId: payload.orderId } };
}
