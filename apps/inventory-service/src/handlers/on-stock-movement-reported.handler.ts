import { DomainError, OnEvent, type EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { StockMovementReported } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IngestStockEvent } from '../application/ingest-stock-event';
import { toStockEvent } from '../application/stock-movement';
import { raisingBusinessExceptions } from './business-exceptions';

/** Records a warehouse system's stock movement from inventory.movements.v1 in the ledger. */
@Controller()
export class OnStockMovementReported {
  constructor(
    private readonly ingest: IngestStockEvent,
    private readonly exceptions: ExceptionQueue,
  ) {}

  @OnEvent('backbone.inventory.StockMovementReported')
  async handle(@Payload() movement: StockMovementReported, @Ctx() ctx: EventContext): Promise<void> {
    const subject = { type: 'stock-movement', id: `${movement.sourceSystem}/${movement.sourceEventId}` };
    await raisingBusinessExceptions(this.exceptions, ctx, subject, async () => {
      const outcome = await this.ingest.execute(toStockEvent(movement), ctx.trx);
      if (outcome.outcome === 'REJECTED') throw new DomainError(outcome.error.code, outcome.error.message, { ...outcome.error.details });
    });
  }
}
