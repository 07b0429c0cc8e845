import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { externalId, externalIdName } from '../domain/erp-writes/external-id';
import { refusalOf, saleOrderValues, SyncRefusalCode, type CanonicalOrder, type MasterDataIds, type Refusal } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { OdooError } from '../odoo/odoo-error';
import { ErpOrdersRepository } from '../persistence/erp-orders.repository';
import { ensureExternalIds } from './external-ids';
import { findProducts, findSaleOrders, type SaleOrderRef } from './odoo-lookups';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';
import { writeEachOrAlone } from './each-or-alone';

interface Pending {
  job: SyncJob;
  order: CanonicalOrder;
}

/**
 * OrderReserved → a confirmed sale order, for a whole batch in a fixed number of calls: find the
 * orders' sale orders by client_order_ref (the idempotency key), look up customers and products
 * once, create the missing sale orders in one call, confirm every draft in one call, keep
 * `backbone.sale_order_<orderId>` on each. A failed or unanswered call is looked up again before
 * anything is written twice.
 */
@Injectable()
export class SyncSaleOrders implements SyncExecutor {
  readonly kind = 'sale-order';
  readonly odooModel = 'sale.order';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly orders: ErpOrdersRepository,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const known = await this.orders.getMany(trx, jobs.map((job) => job.subjectId));
    const pending: Pending[] = [];
    for (const job of jobs) {
      const row = known.get(job.subjectId);
      if (!row) {
        await this.outcomes.refused(trx, job, unknownOrder(job.subjectId), this.odooModel);
      } else if (row.odooId !== null) {
        await this.outcomes.skipped(trx, job); // a replay: its sale order is written and confirmed
      } else {
        pending.push({ job, order: row.order });
      }
    }
    if (pending.length === 0) return;

    const existing = await findSaleOrders(odoo, pending.map(({ order }) => order.orderId));
    for (const { job, order } of pending) {
      if (existing.get(order.orderId)?.state === 'cancel') await this.outcomes.refused(trx, job, cancelledInOdoo(order.orderId, existing.get(order.orderId)!), this.odooModel);
    }
    const created = await this.createMissing(trx, odoo, pending.filter(({ order }) => !existing.has(order.orderId)));
    const writable = pending.filter(({ order }) => (existing.has(order.orderId) && existing.get(order.orderId)!.state !== 'cancel') || created.has(order.orderId));
    const idOf = (orderId: string) => existing.get(orderId)?.id ?? created.get(orderId)!;

    const drafts = writable.filter(({ order }) => ['draft', 'sent'].includes(existing.get(order.orderId)?.state ?? 'draft'));
    const confirmed = await this.confirm(trx, odoo, drafts.map((entry) => ({ ...entry, id: idOf(entry.order.orderId) })));
    const done = writable.filter(({ order }) => !drafts.some((draft) => draft.order.orderId === order.orderId) || confirmed.has(order.orderId));
    if (done.length === 0) return;

    const names = await this.namesOf(odoo, done.map(({ order }) => idOf(order.orderId)), existing);
    await ensureExternalIds(
      odoo,
      this.odooModel,
      done.map(({ order }) => ({ name: externalIdName('sale_order', order.orderId), resId: idOf(order.orderId) })),
      done.some(({ order }) => existing.has(order.orderId)),
    );
    await this.orders.markSynced(trx, done.map(({ order }) => ({ orderId: order.orderId, odooId: idOf(order.orderId), odooName: names.get(idOf(order.orderId))! })));
    await this.outcomes.written(
      trx,
      done.map(({ job, order }) => {
        const id = idOf(order.orderId);
        return { job, record: { odooModel: this.odooModel, odooIds: [id], odooName: names.get(id)!, externalId: externalId('sale_order', order.orderId) } };
      }),
    );
  }

  /** Creates the sale orders Odoo lacks; refuses those whose master data is missing or that Odoo rejects. Answers ids by order id. */
  private async createMissing(trx: Knex.Transaction, odoo: OdooClient, missing: Pending[]): Promise<Map<string, number>> {
    const created = new Map<string, number>();
    if (missing.length === 0) return created;
    const ids = await this.masterData(odoo, missing.map(({ order }) => order));
    const creatable: Pending[] = [];
    for (const entry of missing) {
      const refusal = refusalOf(entry.order, ids);
      if (refusal) await this.outcomes.refused(trx, entry.job, refusal, this.odooModel);
      else creatable.push(entry);
    }
    await writeEachOrAlone(creatable, async (batch) => {
      const newIds = await odoo.create(this.odooModel, batch.map(({ order }) => saleOrderValues(order, ids)));
      batch.forEach(({ order }, index) => created.set(order.orderId, newIds[index]!));
    }, (entry, error) => this.refuse(trx, entry, error));
    return created;
  }

  private async masterData(odoo: OdooClient, orders: CanonicalOrder[]): Promise<MasterDataIds> {
    const refs = [...new Set(orders.map((order) => order.customer.customerId))];
    const skus = [...new Set(orders.flatMap((order) => order.lines.map((line) => line.sku)))];
    const [partners, products] = await Promise.all([
      odoo.searchRead<{ id: number; ref: string }>('res.partner', { domain: [['ref', 'in', refs]], fields: ['ref'], order: 'id desc' }),
      findProducts(odoo, skus),
    ]);
    return { partners: new Map(partners.map((partner) => [partner.ref, partner.id])), products };
  }

  /** Confirms the drafts in one call; answers the order ids confirmed. */
  private async confirm(trx: Knex.Transaction, odoo: OdooClient, drafts: Array<Pending & { id: number }>): Promise<Set<string>> {
    const confirmed = new Set<string>();
    await writeEachOrAlone(drafts, async (batch) => {
      await odoo.call('sale.order', 'action_confirm', { ids: batch.map((entry) => entry.id) });
      for (const { order } of batch) confirmed.add(order.orderId);
    }, (entry, error) => this.refuse(trx, entry, error));
    return confirmed;
  }

  private refuse(trx: Knex.Transaction, { job, order }: Pending, error: OdooError): Promise<void> {
    return this.outcomes.refused(trx, job, rejected(order.orderId, error), this.odooModel);
  }

  private async namesOf(odoo: OdooClient, ids: number[], existing: Map<string, SaleOrderRef>): Promise<Map<number, string>> {
    const names = new Map([...existing.values()].map((row) => [row.id, row.name]));
    const unnamed = ids.filter((id) => !names.has(id));
    if (unnamed.length > 0) for (const row of await odoo.read<SaleOrderRef>(this.odooModel, unnamed, ['name'])) names.set(row.id, row.name);
    return names;
  }
}

function unknownOrder(orderId: string): Refusal {
  return {
    code: SyncRefusalCode.unknownOrder,
    message: `Order ${orderId} was reserved but the adapter never received it (no OrderReceived): replay orders.order.v1 for it, then retry`,
    details: { orderId },
  };
}

function cancelledInOdoo(orderId: string, saleOrder: SaleOrderRef): Refusal {
  return {
    code: SyncRefusalCode.rejectedByOdoo,
    message: `Sale order ${saleOrder.name} for order ${orderId} is cancelled in Odoo: set it back to quotation there, then retry`,
    details: { orderId, odooName: saleOrder.name },
  };
}

function rejected(orderId: string, error: OdooError): Refusal {
  return {
    code: SyncRefusalCode.rejectedByOdoo,
    message: `Odoo refused the sale order: ${error.message}`,
    details: { orderId, odooCode: error.code, odooError: error.odoo.odooName ?? '' },
  };
}
