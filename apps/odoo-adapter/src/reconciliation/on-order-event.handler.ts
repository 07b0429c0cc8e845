import { EventHeader, OnEvent, type EventContext } from '@backbone/events';
import type { EventPayloads } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { statusChangeOf, type ProjectedOrderEvent } from '../domain/reconciliation/order-projection';
import { ReconciliationRepository } from './reconciliation.repository';

/**
 * Keeps the adapter's projection of each order's status (order_status_projection) for the
 * order-state reconciliation. Nest runs every handler bound to an event type, so these sit beside
 * the ERP write handlers of the same events, in the same batch transaction.
 */
@Controller()
export class OnOrderEventProjection {
  @OnEvent('backbone.orders.OrderReceived')
  received(@Payload() payload: EventPayloads['backbone.orders.OrderReceived'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderReceived', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderValidated')
  validated(@Payload() payload: EventPayloads['backbone.orders.OrderValidated'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderValidated', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderRejected')
  rejected(@Payload() payload: EventPayloads['backbone.orders.OrderRejected'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderRejected', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderOnHold')
  onHold(@Payload() payload: EventPayloads['backbone.orders.OrderOnHold'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderOnHold', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderHoldReleased')
  holdReleased(@Payload() payload: EventPayloads['backbone.orders.OrderHoldReleased'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderHoldReleased', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderReserved')
  reserved(@Payload() payload: EventPayloads['backbone.orders.OrderReserved'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderReserved', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderConfirmed')
  confirmed(@Payload() payload: EventPayloads['backbone.orders.OrderConfirmed'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderConfirmed', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderReleased')
  released(@Payload() payload: EventPayloads['backbone.orders.OrderReleased'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderReleased', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderShipmentRecorded')
  shipped(@Payload() payload: EventPayloads['backbone.orders.OrderShipmentRecorded'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderShipmentRecorded', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderInvoiced')
  invoiced(@Payload() payload: EventPayloads['backbone.orders.OrderInvoiced'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderInvoiced', payload, ctx);
  }

  @OnEvent('backbone.orders.OrderCancelled')
  cancelled(@Payload() payload: EventPayloads['backbone.orders.OrderCancelled'], @Ctx() ctx: EventContext) {
    return project('backbone.orders.OrderCancelled', payload, ctx);
  }
}

/** The status change, dated when it happened at its source (occurred-at), else now. */
function project<T extends ProjectedOrderEvent>(type: T, payload: EventPayloads[T], ctx: EventContext): Promise<void> {
  const occurredAt = ctx.headers[EventHeader.occurredAt];
  return ReconciliationRepository.projectOrder(ctx.trx, statusChangeOf(type, payload), occurredAt ? new Date(occurredAt) : new Date());
}
