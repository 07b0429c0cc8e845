import { OnEvent, type EventContext } from '@backbone/events';
import type { PartnerChanged } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { MasterDataRepository } from '../persistence/master-data.repository';

/** Keeps the customers the credit gate reads; partners without a backbone customer id (ref) are not customers of any channel. */
@Controller()
export class OnPartnerChanged {
  @OnEvent('backbone.erp.PartnerChanged')
  async handle(@Payload() partner: PartnerChanged, @Ctx() ctx: EventContext): Promise<void> {
    const ref = partner.ref?.trim();
    if (ref) await MasterDataRepository.saveCustomer(ctx.trx, { ...partner, ref });
  }
}
