import { DomainError, type EventContext } from '@backbone/events';
import type { ExceptionQueue, ExceptionSubject } from '@backbone/exceptions';

/**
 * Runs a handler's work; a business rule's refusal (DomainError) becomes an open exception in the
 * same transaction instead of a dead letter, for a person to retry, override or reject. The work
 * refuses before it writes, so nothing is half-done.
 */
export async function raisingBusinessExceptions(exceptions: ExceptionQueue, ctx: EventContext, subject: ExceptionSubject, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await exceptions.raise(ctx.trx, {
      code: error.code,
      message: error.message,
      subject,
      details: Object.fromEntries(Object.entries(error.details).map(([key, value]) => [key, String(value)])),
      sourceEventId: ctx.eventId,
      correlationId: ctx.correlationId,
    });
  }
}
