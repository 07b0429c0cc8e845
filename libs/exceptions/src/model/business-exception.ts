import type { ExceptionResolution } from '@backbone/schemas';

export type { ExceptionResolution };
export type ExceptionStatus = 'OPEN' | 'RESOLVED';

export const RESOLUTIONS: readonly ExceptionResolution[] = ['RETRIED', 'OVERRIDDEN', 'REJECTED'];

/** Who or what changed an exception. `kind` is e.g. `user`, `service`, `anonymous`. */
export interface Actor {
  kind: string;
  id: string;
}

/** The business object an exception is about, e.g. `{ type: 'order', id: orderId }`. */
export interface ExceptionSubject {
  type: string;
  id: string;
}

/** One row of a service's exception queue, as the API and the handlers see it. */
export interface BusinessException {
  id: string;
  service: string;
  /** DOMAIN.REASON, e.g. `ORDER.CREDIT_HOLD`. */
  code: string;
  message: string;
  subject: ExceptionSubject;
  details: Record<string, string>;
  sourceEventId: string | null;
  correlationId: string | null;
  status: ExceptionStatus;
  resolution: ExceptionResolution | null;
  /** Retries run so far (successful or not). */
  attempts: number;
  /** Times the same service, code and subject was raised while this exception was open (1 at first). */
  occurrences: number;
  raisedAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  resolvedBy: Actor | null;
  reason: string | null;
}

/** What a service knows when a business rule stops its work. */
export interface RaiseException {
  code: string;
  message: string;
  subject: ExceptionSubject;
  details?: Record<string, string>;
  /** event-id of the event being handled, if any (becomes the causation-id of ExceptionRaised). */
  sourceEventId?: string | null;
  correlationId?: string | null;
}

export interface ResolveException {
  resolution: ExceptionResolution;
  actor: Actor;
  /** Required (non-blank) for OVERRIDDEN and REJECTED. */
  reason?: string | null;
}

export type AuditAction = 'RAISED' | 'RETRY_FAILED' | ExceptionResolution;

/** One append-only audit row: who did what, when and why, with the exception before and after. */
export interface AuditEntry {
  id: string;
  exceptionId: string;
  action: AuditAction;
  actor: Actor;
  reason: string | null;
  at: Date;
  before: BusinessException | null;
  after: BusinessException;
}

export interface ExceptionWithAudit extends BusinessException {
  /** Oldest first. */
  audit: AuditEntry[];
}
