import type { EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { Address, PurchaseOrderReceived } from '@backbone/schemas';
import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { governingPrice, governingPricelist, naturalKey, validateOrderRequest, type OrderRequestBody } from '../domain';
import type { OrderServiceConfig } from '../config/order-service.config';
import type { IntakeContext } from '../persistence/intake-context.repository';
import { IntakeOrder } from './intake-order';
import { ValidationGates } from './validation-gates';

/**
 * EDI 850s (already translated by the edi-gateway) enter through the same intake as REST orders.
 * The trading partner is the channel `edi-<partner id>` and the customer (its ERP `ref`); the PO
 * number is the external order id, so a resent 850 is the same order. Lines without a price take
 * the governing pricelist's. A PO the intake refuses becomes an exception about the PO.
 */
@Injectable()
export class EdiPurchaseOrders {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: OrderServiceConfig,
    private readonly intake: IntakeOrder,
    private readonly gates: ValidationGates,
    private readonly exceptions: ExceptionQueue,
  ) {}

  async receive(trx: Knex.Transaction, po: PurchaseOrderReceived, ctx: Pick<EventContext, 'eventId' | 'correlationId'>): Promise<void> {
    const cause = { correlationId: ctx.correlationId, causationId: ctx.eventId };
    const channel = naturalKey(`edi-${po.partnerId}`, po.poNumber).channel;
    // Read once: the context prices the lines that come without a price, then intake decides with it.
    const reads = await this.intake.read(trx, { channel, externalOrderId: po.poNumber, customerId: po.partnerId, skus: po.lines.map((line) => line.sku) });
    const validated = validateOrderRequest(this.toBody(po, channel, reads.contexts[0]));
    const subject = { type: 'edi-purchase-order', id: `${po.partnerId}/${po.poNumber}` };
    const raise = (code: string, message: string, details: Record<string, string>) =>
      this.exceptions.raise(trx, { code, message, subject, details, sourceEventId: ctx.eventId, correlationId: ctx.correlationId });
    if (!validated.ok) {
      await raise(validated.error.code, `purchase order ${po.poNumber} of partner ${po.partnerId}: ${validated.error.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { partnerId: po.partnerId, poNumber: po.poNumber });
      return;
    }
    const outcome = await this.intake.execute(trx, validated.value, { kind: 'channel', id: `edi:${po.partnerId}` }, cause, reads);
    if (outcome.outcome === 'UNMAPPED') {
      await raise('ORDER.UNMAPPED_VALUES', outcome.unmapped.map((rejection) => rejection.message).join('; '), { partnerId: po.partnerId, poNumber: po.poNumber });
    }
  }

  private toBody(po: PurchaseOrderReceived, channel: string, context: IntakeContext): OrderRequestBody {
    const placedAt = `${po.poDate}T00:00:00Z`;
    const unpriced = po.lines.filter((line) => line.unitPrice === null);
    const pricelist = unpriced.length > 0 ? governingPricelist(context.pricelists, this.gates.assignment(context)) : null;
    const currency = po.lines.find((line) => line.unitPrice !== null)?.unitPrice?.currency ?? pricelist?.currency ?? this.config.EDI_DEFAULT_CURRENCY;
    const billTo = po.billTo ?? po.shipTo;
    return {
      channel,
      externalOrderId: po.poNumber,
      customer: { customerId: po.partnerId, channelCustomerId: po.partnerId, name: billTo.name, email: billTo.email },
      billTo: address(billTo),
      shipTo: address(po.shipTo),
      currency,
      lines: po.lines.map((line) => ({
        lineId: line.lineNumber,
        sku: line.sku,
        quantity: line.quantity.value,
        unit: line.quantity.uom,
        unitPrice: line.unitPrice?.amount ?? (pricelist && governingPrice(pricelist, line.sku, line.quantity, new Date(placedAt))?.amount) ?? '0',
      })),
      requestedDate: po.requestedDeliveryDate,
      notes: po.notes,
      placedAt,
    };
  }

}

/** Avro's nullable address fields as the intake body's optional ones. */
function address(value: Address) {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as OrderRequestBody['shipTo'];
}
