import { DomainError } from '@backbone/events';
import type { ExceptionResolution } from './business-exception';

/** Refusals of the exception queue; each has a stable `code` the HTTP edge maps to a status. */
export class ExceptionNotFoundError extends DomainError {
  constructor(readonly exceptionId: string) {
    super('EXCEPTION.NOT_FOUND', `Business exception ${exceptionId} does not exist`, { exceptionId });
  }
}

export class ExceptionAlreadyResolvedError extends DomainError {
  constructor(
    readonly exceptionId: string,
    readonly resolution: ExceptionResolution | null,
  ) {
    super('EXCEPTION.ALREADY_RESOLVED', `Business exception ${exceptionId} is already resolved (${resolution})`, { exceptionId, resolution });
  }
}

export class ReasonRequiredError extends DomainError {
  constructor(readonly resolution: ExceptionResolution) {
    super('EXCEPTION.REASON_REQUIRED', `${resolution} needs a reason`, { resolution });
  }
}

export class NoRetryHandlerError extends DomainError {
  constructor(
    readonly exceptionId: string,
    readonly exceptionCode: string,
  ) {
    super('EXCEPTION.NO_RETRY_HANDLER', `No retry handler is registered for ${exceptionCode}; override or reject ${exceptionId} instead`, {
      exceptionId,
      exceptionCode,
    });
  }
}

export class InvalidCursorError extends DomainError {
  constructor() {
    super('EXCEPTION.INVALID_CURSOR', 'The page cursor is not one this API issued');
  }
}
