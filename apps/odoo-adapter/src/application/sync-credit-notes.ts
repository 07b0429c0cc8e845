import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { externalId, externalIdName } from '../domain/erp-writes/external-id';
import { SyncRefusalCode } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { ensureExternalIds } from './external-ids';
import { findSaleOrders } from './odoo-lookups';
import type { SyncExecutor } from './sync-executor';
import { SyncOutcomes } from './sync-outcomes';

export interface CreditNotePayload extends Record<string, unknown> {
  rmaId: string;
  orderId: string;
  refundId: string;
  amount: number;
  currency: string;
}

interface Move {
  id: number;
  name: string;
  state: string;
  ref: string;
}

/** The credit note's `ref`, unique per refund: how a retry finds a credit note whose answer was lost. */
const refOf = (payload: CreditNotePayload) => `RMA ${payload.rmaId} refund ${payload.refundId}`;

/**
 * RmaRefundIssued → a posted customer credit note (out_refund) for the refunded amount (tax
 * included, one line), to the order's customer; the batch's credit notes are created in one call
 * and posted in one call, each named `backbone.refund_<refundId>`.
 */
@Injectable()
export class SyncCreditNotes implements SyncExecutor {
  readonly kind = 'credit-note';
  readonly odooModel = 'account.move';

  constructor(
    private readonly odooClient: OdooClient,
    private readonly outcomes: SyncOutcomes,
  ) {}

  async run(trx: Knex.Transaction, jobs: SyncJob[]): Promise<void> {
    const odoo = this.odooClient.lane('writes').correlated(jobs[0]!.correlationId);
    const payloadOf = (job: SyncJob) => job.payload as CreditNotePayload;
    const refs = new Map(jobs.map((job) => [job.id, refOf(payloadOf(job))]));
    const existing = await odoo.searchRead<Move>(this.odooModel, {
      domain: [
        ['move_type', '=', 'out_refund'],
        ['ref', 'in', [...refs.values()]],
      ],
      fields: ['name', 'state', 'ref'],
    });
    const moveIdOf = new Map(existing.map((move) => [move.ref, move.id]));
    const missing = jobs.filter((job) => !moveIdOf.has(refs.get(job.id)!));
    const saleOrders = await findSaleOrders(odoo, missing.map((job) => payloadOf(job).orderId));
    const creatable = [];
    for (const job of missing) {
      const payload = payloadOf(job);
      if (saleOrders.has(payload.orderId)) creatable.push(job);
      else
        await this.outcomes.refused(
          trx,
          job,
          { code: SyncRefusalCode.rejectedByOdoo, message: `Order ${payload.orderId} has no sale order in Odoo: no customer to credit`, details: { rmaId: payload.rmaId, refundId: payload.refundId } },
          this.odooModel,
        );
    }
    const created = await odoo.create(
      this.odooModel,
      creatable.map((job) => {
        const payload = payloadOf(job);
        const saleOrder = saleOrders.get(payload.orderId)!;
        return {
          move_type: 'out_refund',
          partner_id: saleOrder.partner_id[0],
          ref: refs.get(job.id)!,
          invoice_origin: saleOrder.name,
          invoice_line_ids: [[0, 0, { name: `Refund ${payload.refundId} for return ${payload.rmaId}`, quantity: 1, price_unit: payload.amount }]],
        };
      }),
    );
    creatable.forEach((job, index) => moveIdOf.set(refs.get(job.id)!, created[index]!));

    const settled = jobs.filter((job) => moveIdOf.has(refs.get(job.id)!));
    const idOf = (job: SyncJob) => moveIdOf.get(refs.get(job.id)!)!;
    const posted = new Set(existing.filter((move) => move.state === 'posted').map((move) => move.ref));
    const draftIds = settled.filter((job) => !posted.has(refs.get(job.id)!)).map(idOf);
    if (draftIds.length > 0) await odoo.call(this.odooModel, 'action_post', { ids: draftIds });
    const names = new Map((await odoo.read<Move>(this.odooModel, [...new Set(settled.map(idOf))], ['name'])).map((move) => [move.id, move.name]));
    await ensureExternalIds(
      odoo,
      this.odooModel,
      settled.map((job) => ({ name: externalIdName('refund', payloadOf(job).refundId), resId: idOf(job) })),
      existing.length > 0,
    );
    await this.outcomes.written(
      trx,
      settled.map((job) => ({ job, record: { odooModel: this.odooModel, odooIds: [idOf(job)], odooName: names.get(idOf(job)) ?? null, externalId: externalId('refund', payloadOf(job).refundId) } })),
    );
  }
}

