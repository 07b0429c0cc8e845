import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { externalId, externalIdName } from '../domain/erp-writes/external-id';
import { SyncRefusalCode } from '../domain/erp-writes/sale-order-mapping';
import type { SyncJob } from '../domain/erp-writes/sync-job';
import { OdooClient } from '../odoo/odoo-client';
import { ensureExternalIds } from './external-ids';
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
    const payloads = new Map(jobs.map((job) => [job.id, job.payload as CreditNotePayload]));
    const existing = await odoo.searchRead<Move>(this.odooModel, {
      domain: [
        ['move_type', '=', 'out_refund'],
        ['ref', 'in', [...payloads.values()].map(refOf)],
      ],
      fields: ['name', 'state', 'ref'],
    });
    const moveIdOf = new Map(existing.map((move) => [move.ref, move.id]));
    const missing = jobs.filter((job) => !moveIdOf.has(refOf(payloads.get(job.id)!)));
    const partners = await this.customersOf(odoo, missing.map((job) => payloads.get(job.id)!.orderId));
    const creatable = [];
    for (const job of missing) {
      const payload = payloads.get(job.id)!;
      if (partners.has(payload.orderId)) creatable.push(job);
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
        const payload = payloads.get(job.id)!;
        const { partnerId, saleOrderName } = partners.get(payload.orderId)!;
        return {
          move_type: 'out_refund',
          partner_id: partnerId,
          ref: refOf(payload),
          invoice_origin: saleOrderName,
          invoice_line_ids: [[0, 0, { name: `Refund ${payload.refundId} for return ${payload.rmaId}`, quantity: 1, price_unit: payload.amount }]],
        };
      }),
    );
    creatable.forEach((job, index) => moveIdOf.set(refOf(payloads.get(job.id)!), created[index]!));

    const settled = jobs.filter((job) => moveIdOf.has(refOf(payloads.get(job.id)!)));
    const drafts = settled.filter((job) => existing.find((move) => move.ref === refOf(payloads.get(job.id)!))?.state !== 'posted');
    const draftIds = drafts.map((job) => moveIdOf.get(refOf(payloads.get(job.id)!))!);
    if (draftIds.length > 0) await odoo.call(this.odooModel, 'action_post', { ids: draftIds });
    const names = new Map((await odoo.read<Move>(this.odooModel, [...new Set(settled.map((job) => moveIdOf.get(refOf(payloads.get(job.id)!))!))], ['name'])).map((move) => [move.id, move.name]));
    await ensureExternalIds(
      odoo,
      this.odooModel,
      settled.map((job) => ({ name: externalIdName('refund', payloads.get(job.id)!.refundId), resId: moveIdOf.get(refOf(payloads.get(job.id)!))! })),
      existing.length > 0,
    );
    for (const job of settled) {
      const id = moveIdOf.get(refOf(payloads.get(job.id)!))!;
      await this.outcomes.written(trx, job, { odooModel: this.odooModel, odooIds: [id], odooName: names.get(id) ?? null, externalId: externalId('refund', payloads.get(job.id)!.refundId) });
    }
  }

  private async customersOf(odoo: OdooClient, orderIds: string[]): Promise<Map<string, { partnerId: number; saleOrderName: string }>> {
    if (orderIds.length === 0) return new Map();
    const rows = await odoo.searchRead<{ name: string; client_order_ref: string; partner_id: [number, string] }>('sale.order', {
      domain: [['client_order_ref', 'in', orderIds]],
      fields: ['name', 'client_order_ref', 'partner_id'],
      order: 'id desc',
    });
    return new Map(rows.map((row) => [row.client_order_ref, { partnerId: row.partner_id[0], saleOrderName: row.name }]));
  }
}

