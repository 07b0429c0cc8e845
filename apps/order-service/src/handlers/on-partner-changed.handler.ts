import { OnEvent, type EventContext } from '@backbone/events';
import type { PartnerChanged } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ValidationGates } from '../application/validation-gates';
import { MasterDataRepository } from '../persistence/master-data.repository';
import { OrdersRepository } from '../persistence/orders.repository';
import { causeOf, sourceActor } from './event-cause';

/** Orders re-run per customer change; more wait for an operator's retry or the next change. */
const REVALIDATE_AT_MOST = 100;

/**
 * Keeps the customers the credit gate reads (partners without a backbone customer id, `ref`, are
 * nobody's customer on a channel) and re-runs the gates of the customer's orders held at the gates:
 * a credit hold lifted or a customer synced at last releases them without an operator.
 */
@Controller()
export class OnPartnerChanged {
  constructor(private readonly gates: ValidationGates) {}

  @OnEvent('backbone.erp.PartnerChanged')
  async handle(@Payload() partner: PartnerChanged, @Ctx() ctx: EventContext): Promise<void> {
    const ref = partner.ref?.trim();
    if (!ref) return;
    await MasterDataRepository.saveCustomer(ctx.trx, { ...partner, ref });
    for (const orderId of await OrdersRepository.heldAtGates(ctx.trx, ref, REVALIDATE_AT_MOST)) {
      await this.gates.revalidate(ctx.trx, orderId, sourceActor(ctx, 'erp'), causeOf(ctx), { code: 'ORDER.CUSTOMER_CHANGED', message: `customer ${ref} changed in the ERP` });
    }
  }
}
