import { OnEvent, type EventContext } from '@backbone/events';
import type { PricelistChanged } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { MasterDataRepository } from '../persistence/master-data.repository';

/** Keeps the pricelists the price gate reads (all items replaced; an older change is ignored). */
@Controller()
export class OnPricelistChanged {
  @OnEvent('backbone.erp.PricelistChanged')
  async handle(@Payload() pricelist: PricelistChanged, @Ctx() ctx: EventContext): Promise<void> {
    await MasterDataRepository.savePricelist(ctx.trx, pricelist);
  }
}
