import { OnEvent, type EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { StockMovementReported } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { IngestStockEvent } from '../application/ingest-stock-event';
import { toStockEvent } from '../application/stock-movement';
import { raiseRefusal } from './business-exceptions';

interface Received {
  movement: StockMovementReported;
  ctx: EventContext;
}

/**
 * Records warehouse systems' stock movements from inventory.movements.v1 in the ledger, a whole
 * fetched batch at once; a movement the rules refuse becomes an open exception (nothing written for it).
 */
@Controller()
export class OnStockMovementReported {
  constructor(
    private readonly ingest: IngestStockEvent,
    private readonly exceptions: ExceptionQueue,
  ) {}

  @OnEvent('backbone.inventory.StockMovementReported')
  handle(@Payload() movement: StockMovementReported, @Ctx() ctx: EventContext): void {
    ctx.batch.collect<Received>('stock-movements', { movement, ctx }, (received) => this.record(received));
  }

  private async record(received: readonly Received[]): Promise<void> {
    const { trx } = received[0].ctx;
    const outcomes = await this.ingest.executeMany(trx, received.map(({ movement }) => toStockEvent(movement)));
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.outcome !== 'REJECTED') continue;
      const { movement, ctx } = received[index];
      await raiseRefusal(this.exceptions, ctx, { type: 'stock-movement', id: `${movement.sourceSystem}/${movement.sourceEventId}` }, outcome.error);
    }
  }
}
