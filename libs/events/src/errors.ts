/**
 * Errors are data: each has a stable `code` a machine can branch on. The transport routes them:
 * DomainError → the owning service's exception queue (never retried, never dead-lettered);
 * RetriableError → retried with backoff, then dead-lettered; PoisonMessageError → dead-lettered at once.
 */
export abstract class BackboneError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the change (credit hold, unknown SKU…). A person resolves it. */
export class DomainError extends BackboneError {
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** A transient failure (serialization failure, timeout, 429/5xx): trying again may succeed. */
export class RetriableError extends BackboneError {
  readonly code = 'EVENTS.RETRIABLE';
}

/** A record that can never be processed as it is (undecodable, unknown schema, no event id). */
export class PoisonMessageError extends BackboneError {
  constructor(
    readonly code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, details);
  }
}

/** The payload does not match the event's Avro schema; names every offending field path. */
export class EventValidationError extends BackboneError {
  readonly code = 'EVENTS.INVALID_PAYLOAD';
  constructor(
    readonly eventType: string,
    readonly invalidPaths: string[],
  ) {
    super(`${eventType} payload does not match its schema at: ${invalidPaths.join(', ')}`, { eventType, invalidPaths });
  }
}

export class UnknownEventTypeError extends BackboneError {
  readonly code = 'EVENTS.UNKNOWN_EVENT_TYPE';
  constructor(readonly eventType: string) {
    super(`event type ${eventType} is not in the event catalog`, { eventType });
  }
}

/** Errors that retrying cannot fix: programming errors and poison records. */
export function isPermanent(error: unknown): boolean {
  return error instanceof PoisonMessageError || error instanceof EventValidationError || error instanceof TypeError;
}

export function errorCode(error: unknown): string {
  if (error instanceof BackboneError) return error.code;
  if (error instanceof Error) return `UNEXPECTED.${error.name}`;
  return 'UNEXPECTED';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
