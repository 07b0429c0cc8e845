import { OnEvent, type EventContext } from '@backbone/events';
import type { PurchaseOrderReceived } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EdiPurchaseOrders } from '../application/edi-purchase-orders';

/** EDI 850s enter through the same intake as REST orders. */
@Controller()
export class OnPurchaseOrderReceived {
  constructor(private readonly purchaseOrders: EdiPurchaseOrders) {}

  @OnEvent('backbone.edi.PurchaseOrderReceived')
  handle(@Payload() po: PurchaseOrderReceived, @Ctx() ctx: EventContext): Promise<void> {
    return this.purchaseOrders.receive(ctx.trx, po, ctx);
  }
}
