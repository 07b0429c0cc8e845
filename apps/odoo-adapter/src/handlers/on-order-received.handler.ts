import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderReceived } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CanonicalOrder } from '../domain/erp-writes/sale-order-mapping';
import { ErpOrdersRepository } from '../persistence/erp-orders.repository';

/** Keeps the canonical order (customer, lines, prices) to write as a sale order once it is reserved. */
@Controller()
export class OnOrderReceived {
  constructor(private readonly orders: ErpOrdersRepository) {}

  @OnEvent('backbone.orders.OrderReceived')
  handle(@Payload() order: OrderReceived, @Ctx() ctx: EventContext): void {
    const canonical: CanonicalOrder = {
      orderId: order.orderId,
      channel: order.channel,
      externalOrderId: order.externalOrderId,
      customer: { customerId: order.customer.customerId, name: order.customer.name },
      lines: order.lines.map(({ lineId, sku, quantity, unitPrice }) => ({ lineId, sku, quantity, unitPrice })),
      notes: order.notes,
    };
    ctx.batch.collect<CanonicalOrder>('erp-orders', canonical, (orders) => this.orders.insertMany(ctx.trx, orders));
  }
}
