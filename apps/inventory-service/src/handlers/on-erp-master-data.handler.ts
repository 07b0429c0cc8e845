import { OnEvent, type EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { ProductChanged, StockLevelChanged } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErpMasterData } from '../application/erp-master-data';
import { raiseRefusal } from './business-exceptions';

interface Received {
  level: StockLevelChanged;
  ctx: EventContext;
}

/** Odoo's product master and stock levels from erp.masterdata.v1; refusals become open exceptions. */
@Controller()
export class OnErpMasterData {
  constructor(
    private readonly masterData: ErpMasterData,
    private readonly exceptions: ExceptionQueue,
  ) {}

  @OnEvent('backbone.erp.ProductChanged')
  async productChanged(@Payload() product: ProductChanged, @Ctx() ctx: EventContext): Promise<void> {
    const decision = await this.masterData.applyProductChanged(ctx.trx, product);
    if (decision.outcome === 'REFUSED') await raiseRefusal(this.exceptions, ctx, { type: 'product', id: product.sku }, decision.error);
  }

  /** A whole fetched batch of levels is recorded at once, like stock movements. */
  @OnEvent('backbone.erp.StockLevelChanged')
  stockLevelChanged(@Payload() level: StockLevelChanged, @Ctx() ctx: EventContext): void {
    ctx.batch.collect<Received>('erp-stock-levels', { level, ctx }, (received) => this.record(received));
  }

  private async record(received: readonly Received[]): Promise<void> {
    const outcomes = await this.masterData.recordStockLevels(received[0].ctx.trx, received.map(({ level }) => level));
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.outcome !== 'REJECTED') continue;
      const { level, ctx } = received[index];
      await raiseRefusal(this.exceptions, ctx, { type: 'stock-level', id: `${level.sku}@${level.locationId}` }, outcome.error);
    }
  }
}
