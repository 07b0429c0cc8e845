import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { externalId } from '../domain/erp-writes/external-id';
import { SyncRefusalCode } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { findSaleOrders, type SaleOrderRef } from './odoo-lookups';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';
import { writeEachOrAlone } from './each-or-alone';

/**
 * OrderCancelled → the order's sale order cancelled in Odoo (with its open deliveries), all of a
 * batch in one `action_cancel` with `disable_cancel_warning` (no wizard). An order Odoo never got
 * needs nothing; one already cancelled is reported again, so a replay or a lost answer settles.
 */
@Injectable()
export class SyncOrderCancellations implements SyncExecutor {
  readonly kind = 'sale-order-cancel';
  readonly odooModel = 'sale.order';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const saleOrders = await findSaleOrders(odoo, jobs.map((job) => job.subjectId));
    const open: Array<{ job: SyncJob; saleOrder: SaleOrderRef }> = [];
    const alreadyCancelled: Array<{ job: SyncJob; saleOrder: SaleOrderRef }> = [];
    for (const job of jobs) {
      const saleOrder = saleOrders.get(job.subjectId);
      if (!saleOrder) await this.outcomes.skipped(trx, job);
      else (saleOrder.state === 'cancel' ? alreadyCancelled : open).push({ job, saleOrder });
    }
    await this.cancelled(trx, alreadyCancelled);
    await this.cancel(trx, odoo, open);
  }

  private cancel(trx: Knex.Transaction, odoo: OdooClient, open: Array<{ job: SyncJob; saleOrder: SaleOrderRef }>): Promise<void> {
    return writeEachOrAlone(
      open,
      async (batch) => {
        await odoo.call('sale.order', 'action_cancel', { ids: batch.map(({ saleOrder }) => saleOrder.id), context: { disable_cancel_warning: true } });
        await this.cancelled(trx, batch);
      },
      ({ job, saleOrder }, error) =>
        this.outcomes.refused(
          trx,
          job,
          {
            code: SyncRefusalCode.rejectedByOdoo,
            message: `Odoo refused to cancel sale order ${saleOrder.name}: ${error.message}`,
            details: { orderId: job.subjectId, odooName: saleOrder.name, odooCode: error.code },
          },
          this.odooModel,
        ),
    );
  }

  private cancelled(trx: Knex.Transaction, cancelled: Array<{ job: SyncJob; saleOrder: SaleOrderRef }>): Promise<void> {
    return this.outcomes.written(
      trx,
      cancelled.map(({ job, saleOrder }) => ({ job, record: { odooModel: this.odooModel, odooIds: [saleOrder.id], odooName: saleOrder.name, externalId: externalId('sale_order', job.subjectId) } })),
    );
  }
}
