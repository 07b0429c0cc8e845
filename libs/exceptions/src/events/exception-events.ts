import type { OutgoingEvent } from '@backbone/events';
import type { ExceptionRaised, ExceptionResolved } from '@backbone/schemas';
import type { BusinessException } from '../model/business-exception';

export const EXCEPTION_RAISED = 'backbone.ops.ExceptionRaised';
export const EXCEPTION_RESOLVED = 'backbone.ops.ExceptionResolved';
/** Both events' topic, keyed by exception id. */
export const EXCEPTION_TOPIC = 'ops.exception.v1';

/** The event a new exception publishes; its source event (if any) is the causation. */
export function exceptionRaised(exception: BusinessException): OutgoingEvent<ExceptionRaised> {
  return {
    type: EXCEPTION_RAISED,
    key: exception.id,
    payload: {
      exceptionId: exception.id,
      service: exception.service,
      code: exception.code,
      message: exception.message,
      subject: { type: exception.subject.type, id: exception.subject.id },
      details: exception.details,
      sourceEventId: exception.sourceEventId,
      correlationId: exception.correlationId,
      raisedAt: exception.raisedAt,
    },
    correlationId: exception.correlationId ?? undefined,
    causationId: exception.sourceEventId ?? undefined,
    occurredAt: exception.raisedAt,
  };
}

/** The event a resolved exception publishes, in the correlation of the flow that raised it. */
export function exceptionResolved(exception: BusinessException): OutgoingEvent<ExceptionResolved> {
  if (exception.status !== 'RESOLVED' || !exception.resolution || !exception.resolvedBy || !exception.resolvedAt) {
    throw new TypeError(`exception ${exception.id} is not resolved`);
  }
  return {
    type: EXCEPTION_RESOLVED,
    key: exception.id,
    payload: {
      exceptionId: exception.id,
      service: exception.service,
      code: exception.code,
      resolution: exception.resolution,
      resolvedBy: { kind: exception.resolvedBy.kind, id: exception.resolvedBy.id },
      reason: exception.reason,
      resolvedAt: exception.resolvedAt,
    },
    correlationId: exception.correlationId ?? undefined,
    occurredAt: exception.resolvedAt,
  };
}
