import { EventHeader, OnEvent, type EventContext } from '@backbone/events';
import type { EventPayloads } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { PROJECTED_ORDER_EVENTS, statusChangeOf, type ProjectedOrderEvent } from '../domain/reconciliation/order-projection';
import { ReconciliationRepository } from './reconciliation.repository';

/**
 * Keeps the adapter's projection of each order's status (order_status_projection) for the
 * order-state reconciliation. Nest runs every handler bound to an event type, so this one sits
 * beside the ERP write handlers of the same events, in the same batch transaction.
 */
@Controller()
export class OnOrderEventProjection {
  @OnEvent(PROJECTED_ORDER_EVENTS)
  async handle(@Payload() payload: EventPayloads[ProjectedOrderEvent], @Ctx() ctx: EventContext): Promise<void> {
    // The status change is dated when it happened at its source (occurred-at), else now.
    const occurredAt = ctx.headers[EventHeader.occurredAt];
    await ReconciliationRepository.projectOrder(ctx.trx, statusChangeOf(ctx.eventType as ProjectedOrderEvent, payload), occurredAt ? new Date(occurredAt) : new Date());
  }
}
