import { OnEvent, type EventContext } from '@backbone/events';
import type { ErpSyncFailed } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErpOutcomes } from '../application/erp-outcomes';
import { causeOf } from './event-cause';

/** The ERP adapter could not write an order event: the order is held with an exception. */
@Controller()
export class OnErpSyncFailed {
  constructor(private readonly erp: ErpOutcomes) {}

  @OnEvent('backbone.erp.ErpSyncFailed')
  handle(@Payload() failure: ErpSyncFailed, @Ctx() ctx: EventContext): Promise<void> {
    return this.erp.failed(ctx.trx, failure, causeOf(ctx));
  }
}
