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
    await raiseRefusal(exceptions, ctx, subject, error);
  }
}

/** Files a refusal (a DomainError or the domain's InventoryError) as an open exception caused by the handled event. */
export async function raiseRefusal(
  exceptions: ExceptionQueue,
  ctx: EventContext,
  subject: ExceptionSubject,
  refusal: { code: string; message: string; details: Readonly<Record<string, unknown>> },
): Promise<void> {
  await exceptions.raise(ctx.trx, {
    code: refusal.code,
    message: refusal.message,
    subject,
    details: Object.fromEntries(Object.entries(refusal.details).map(([key, value]) => [key, String(value)])),
    sourceEventId: ctx.eventId,
    correlationId: ctx.correlationId,
  });
}
