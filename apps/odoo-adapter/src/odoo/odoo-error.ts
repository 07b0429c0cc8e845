import { BackboneError } from '@backbone/events';

/** Stable codes for everything an Odoo call can end in; callers branch on these, never on messages. */
export const OdooErrorCode = {
  accessDenied: 'ERP.ACCESS_DENIED',
  accessError: 'ERP.ACCESS_ERROR',
  validation: 'ERP.VALIDATION',
  userError: 'ERP.USER_ERROR',
  missingRecord: 'ERP.MISSING_RECORD',
  concurrency: 'ERP.CONCURRENCY',
  rateLimited: 'ERP.RATE_LIMITED',
  unavailable: 'ERP.UNAVAILABLE',
  timeout: 'ERP.TIMEOUT',
  /** A request Odoo could not bind or dispatch (unknown model/method/field, bad arguments): a bug here, not in Odoo's data. */
  protocol: 'ERP.PROTOCOL',
} as const;
export type OdooErrorCode = (typeof OdooErrorCode)[keyof typeof OdooErrorCode];

const RETRIABLE: ReadonlySet<OdooErrorCode> = new Set([
  OdooErrorCode.concurrency,
  OdooErrorCode.rateLimited,
  OdooErrorCode.unavailable,
  OdooErrorCode.timeout,
]);

export interface OdooErrorDetails {
  model: string;
  method: string;
  /** Odoo's exception class (`odoo.exceptions.ValidationError`), or the HTTP/network cause. */
  odooName?: string;
  httpStatus?: number;
  /** From `Retry-After` on a 429/503. */
  retryAfterMs?: number;
  /**
   * The call may have run and committed although no answer came (timeout, connection cut after
   * sending). Only an idempotent caller may try again, after looking for what it wrote.
   */
  mayHaveCommitted?: boolean;
  /** Refused by the open circuit breaker without reaching Odoo. */
  circuitOpen?: boolean;
}

/** A failed Odoo call, with a stable code and whether trying again can help. */
export class OdooError extends BackboneError {
  readonly retriable: boolean;

  constructor(
    readonly code: OdooErrorCode,
    message: string,
    readonly odoo: OdooErrorDetails,
  ) {
    super(`${odoo.model}.${odoo.method}: ${message}`, { ...odoo });
    this.retriable = RETRIABLE.has(code);
  }
}

/** Maps Odoo's exception class names (JSON-RPC `error.data.name`, JSON-2 body `name`) to codes. */
export function codeOfOdooException(name: string, httpStatus?: number): OdooErrorCode {
  switch (name) {
    case 'odoo.exceptions.AccessDenied':
    case 'werkzeug.exceptions.Unauthorized':
      return OdooErrorCode.accessDenied;
    case 'odoo.exceptions.AccessError':
      return OdooErrorCode.accessError;
    case 'odoo.exceptions.ValidationError':
      return OdooErrorCode.validation;
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.RedirectWarning':
      return OdooErrorCode.userError;
    case 'odoo.exceptions.MissingError':
      return OdooErrorCode.missingRecord;
    // What Odoo surfaces after its own five silent retries (sql_db), and 19's LockError.
    case 'psycopg2.errors.SerializationFailure':
    case 'psycopg2.errors.DeadlockDetected':
    case 'psycopg2.errors.LockNotAvailable':
    case 'odoo.exceptions.LockError':
      return OdooErrorCode.concurrency;
    // The database server went away or refuses connections.
    case 'psycopg2.OperationalError':
    case 'psycopg2.InterfaceError':
      return OdooErrorCode.unavailable;
    default:
      return httpStatus !== undefined && httpStatus >= 502 ? OdooErrorCode.unavailable : OdooErrorCode.protocol;
  }
}
