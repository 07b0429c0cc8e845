import { OnEvent, type EventContext } from '@backbone/events';
import type { ExceptionResolved } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OperatorActions } from '../application/operator-actions';
import { causeOf } from './event-cause';

/** An operator overrode or rejected one of this service's order exceptions: the held order follows. */
@Controller()
export class OnExceptionResolved {
  constructor(private readonly actions: OperatorActions) {}

  @OnEvent('backbone.ops.ExceptionResolved')
  handle(@Payload() resolved: ExceptionResolved, @Ctx() ctx: EventContext): Promise<void> {
    return this.actions.exceptionResolved(ctx.trx, resolved, causeOf(ctx));
  }
}
