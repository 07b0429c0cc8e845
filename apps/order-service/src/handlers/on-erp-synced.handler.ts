import { OnEvent, type EventContext } from '@backbone/events';
import type { ErpSynced } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ErpOutcomes } from '../application/erp-outcomes';
import { causeOf } from './event-cause';

/** The ERP adapter wrote the sale order of a reserved order: confirmed in the ERP, then released. */
@Controller()
export class OnErpSynced {
  constructor(private readonly erp: ErpOutcomes) {}

  @OnEvent('backbone.erp.ErpSynced')
  handle(@Payload() synced: ErpSynced, @Ctx() ctx: EventContext): Promise<void> {
    return this.erp.synced(ctx.trx, synced, causeOf(ctx));
  }
}
