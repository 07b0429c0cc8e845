import { ExceptionQueue } from '@backbone/exceptions';
import type { ErpSynced, ErpSyncFailed, InvoiceChanged } from '@backbone/schemas';
import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { transition, type Actor } from '../domain';
import type { OrderServiceConfig } from '../config/order-service.config';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';
import { checked, orderSubject, OrderChanges, type ChangeCause, type Step } from './order-changes';
import { plainStep, steps } from './order-events';
import { SYSTEM_ACTOR } from './validation-gates';

export const ERP_SYNC_FAILED = 'ORDER.ERP_SYNC_FAILED';
const SALE_ORDER_WRITE = 'backbone.orders.OrderReserved';
const ERP: Actor = { kind: 'erp', id: 'odoo-adapter' };

/**
 * What the ERP adapter reports back: the sale order written for OrderReserved confirms the order
 * in the ERP (and, with AUTO_RELEASE_TO_WAREHOUSE, releases it to its warehouses at once); a
 * failed write holds the order with ORDER.ERP_SYNC_FAILED; a posted customer invoice invoices it.
 */
@Injectable()
export class ErpOutcomes {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: OrderServiceConfig,
    private readonly changes: OrderChanges,
    private readonly exceptions: ExceptionQueue,
  ) {}

  async synced(trx: Knex.Transaction, synced: ErpSynced, cause: ChangeCause): Promise<void> {
    if (synced.sourceEventType !== SALE_ORDER_WRITE || synced.subjectId === null) return;
    const stored = await OrdersRepository.lock(trx, synced.subjectId);
    if (!stored) return;
    const at = new Date();
    const taken: Step[] = [];
    let order = stored.order;
    // A write that succeeded after a failure (the adapter retried): the hold it caused is lifted.
    if (order.status === 'ON_HOLD' && order.hold?.returnTo === 'RESERVED' && order.hold.reason.code.startsWith('ERP.')) {
      const released = transition(order, 'RELEASE_HOLD', ERP, at, { code: 'ERP.SYNCED', message: 'the ERP wrote the sale order after all' });
      if (released.ok) {
        taken.push(plainStep(released.value));
        order = released.value.order;
      }
    }
    if (order.status !== 'RESERVED') {
      if (taken.length > 0) await this.changes.save(trx, stored, taken, cause);
      return; // Confirmed already (a repeated ErpSynced), or moved on; nothing to confirm.
    }
    const erpOrderId = synced.odooIds[0] ?? null;
    const erpOrderName = synced.odooName;
    const confirmed = checked(transition(order, 'CONFIRM_IN_ERP', ERP, at, { code: 'ERP.SYNCED', message: `sale order ${erpOrderName ?? erpOrderId} written in the ERP` }));
    taken.push(steps.confirmed(confirmed, erpOrderId, erpOrderName));
    if (this.config.AUTO_RELEASE_TO_WAREHOUSE) {
      const released = checked(
        transition(confirmed.order, 'RELEASE_TO_WAREHOUSE', SYSTEM_ACTOR, at, { code: 'ORDER.AUTO_RELEASE', message: 'released to the warehouses once confirmed in the ERP' }),
      );
      taken.push(steps.released(released, stored.allocations, erpOrderName));
    }
    await this.changes.save(trx, { ...stored, erpOrderId, erpOrderName }, taken, cause);
    await this.exceptions.resolveByKey(trx, { code: ERP_SYNC_FAILED, subject: orderSubject(stored.order.orderId) }, { reason: 'the ERP wrote the sale order' });
  }

  async failed(trx: Knex.Transaction, failure: ErpSyncFailed, cause: ChangeCause): Promise<void> {
    if (failure.subjectId === null || !failure.sourceEventType?.startsWith('backbone.orders.')) return;
    const stored = await OrdersRepository.lock(trx, failure.subjectId);
    if (!stored) return;
    const reason = { code: failure.errorCode, message: `the ERP refused ${failure.sourceEventType}: ${failure.message}` };
    const held = transition(stored.order, 'HOLD', ERP, new Date(), reason);
    if (held.ok) await this.changes.save(trx, stored, [plainStep(held.value)], cause);
    await this.changes.raise(trx, stored.order.orderId, [{ code: ERP_SYNC_FAILED, message: reason.message, errorCode: failure.errorCode, sourceEventType: failure.sourceEventType, retriable: failure.retriable }], cause);
  }

  /**
   * Retry of ORDER.ERP_SYNC_FAILED: the hold is released and OrderReserved published again, so the
   * adapter writes the sale order anew (it is idempotent by external id).
   */
  async resend(trx: Knex.Transaction, orderId: string, actor: Actor, cause: ChangeCause): Promise<void> {
    const stored = await OrdersRepository.lock(trx, orderId);
    if (!stored || stored.order.status !== 'ON_HOLD' || stored.order.hold?.returnTo !== 'RESERVED') return;
    const released = checked(transition(stored.order, 'RELEASE_HOLD', actor, new Date(), { code: 'ORDER.ERP_RETRY', message: 'sale order sent to the ERP again' }));
    await this.changes.save(trx, stored, [plainStep(released)], cause);
    await this.changes.republish(trx, { type: SALE_ORDER_WRITE, key: orderId, payload: { orderId, lines: stored.allocations } }, cause);
  }

  async invoiceChanged(trx: Knex.Transaction, invoice: InvoiceChanged, cause: ChangeCause): Promise<void> {
    if (invoice.moveType !== 'OUT_INVOICE' || invoice.state !== 'posted') return;
    const stored = await this.invoicedOrder(trx, invoice);
    if (!stored || stored.order.status === 'INVOICED') return;
    const invoiced = transition(stored.order, 'INVOICE', ERP, new Date(), { code: 'ERP.INVOICE_POSTED', message: `invoice ${invoice.name ?? invoice.invoiceId} posted in the ERP` });
    if (!invoiced.ok) {
      await this.changes.raise(trx, stored.order.orderId, [invoiced.error], cause);
      return;
    }
    const invoicedAt = invoice.invoiceDate ? new Date(`${invoice.invoiceDate}T00:00:00Z`) : invoice.changedAt;
    await this.changes.save(trx, stored, [steps.invoiced(invoiced.value, { erpInvoiceId: invoice.invoiceId, invoiceNumber: invoice.name ?? String(invoice.invoiceId), amountTotal: invoice.amountTotal, invoicedAt })], cause);
  }

  /** The adapter writes the order id as the invoice reference; Odoo's own invoices name the sale order as origin. */
  private async invoicedOrder(trx: Knex.Transaction, invoice: InvoiceChanged): Promise<StoredOrder | undefined> {
    if (invoice.reference) {
      const byReference = await OrdersRepository.lock(trx, invoice.reference);
      if (byReference) return byReference;
    }
    return invoice.origin ? OrdersRepository.lockByErpName(trx, invoice.origin) : undefined;
  }
}
