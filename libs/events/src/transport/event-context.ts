import type { Knex } from 'knex';
import type { StringHeaders } from '../envelope/headers';
import type { EventCause } from '../envelope/outgoing-event';
import type { BatchScope } from './batch-scope';

/**
 * What an `@EventPattern` handler receives with `@Ctx()`. Its writes go through `trx`, the same
 * transaction that records the event in the inbox; offsets, retries and the inbox stay hidden.
 */
export class EventContext implements EventCause {
  constructor(
    readonly trx: Knex.Transaction,
    readonly eventId: string,
    readonly eventType: string,
    readonly correlationId: string,
    readonly causationId: string | undefined,
    readonly headers: StringHeaders,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
    /** Work deferred to the end of the batch, in the same transaction (see BatchScope). */
    readonly batch: BatchScope,
  ) {}

  /** Nest's `@Ctx()` resolution reads arguments through this. */
  getArgs(): unknown[] {
    return [this];
  }
}
