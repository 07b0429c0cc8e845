import { OnEvent, type EventContext } from '@backbone/events';
import type { InvoiceChanged } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErpOutcomes } from '../application/erp-outcomes';
import { causeOf } from './event-cause';

/** A posted customer invoice in the ERP invoices the shipped order it references. */
@Controller()
export class OnInvoiceChanged {
  constructor(private readonly erp: ErpOutcomes) {}

  @OnEvent('backbone.erp.InvoiceChanged')
  handle(@Payload() invoice: InvoiceChanged, @Ctx() ctx: EventContext): Promise<void> {
    return this.erp.invoiceChanged(ctx.trx, invoice, causeOf(ctx));
  }
}
