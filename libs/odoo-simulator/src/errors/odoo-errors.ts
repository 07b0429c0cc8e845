/* The exceptions a real Odoo server raises, with the Python class name clients switch on and the
 * HTTP status JSON-2 answers with (odoo/exceptions.py `http_status`; anything else is a 500). */

const WERKZEUG_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  422: 'UnprocessableEntity',
};

export class OdooError extends Error {
  constructor(
    /** Fully qualified Python class, e.g. `odoo.exceptions.UserError` (the JSON `name`). */
    readonly pythonName: string,
    message: string,
    /** Status of a JSON-2 error response. */
    readonly httpStatus: number,
    /** Python `exc.args`, serialized as `arguments`. */
    readonly pythonArgs: readonly unknown[] = [message],
    /** AccessDenied suppresses its traceback so that no server detail leaks to a guesser. */
    readonly hasTraceback = true,
  ) {
    super(message);
    this.name = pythonName;
  }

  /** A werkzeug HTTPException (routing/auth level), which JSON-RPC reports as code 404 when NotFound. */
  get isWerkzeugNotFound(): boolean {
    return this.pythonName === 'werkzeug.exceptions.NotFound';
  }
}

export const userError = (message: string) => new OdooError('odoo.exceptions.UserError', message, 422);
export const validationError = (message: string) => new OdooError('odoo.exceptions.ValidationError', message, 422);
export const accessError = (message: string) => new OdooError('odoo.exceptions.AccessError', message, 403);
export const missingError = (message: string) => new OdooError('odoo.exceptions.MissingError', message, 404);
export const accessDenied = (message = 'Access Denied') =>
  new OdooError('odoo.exceptions.AccessDenied', message, 403, [message], false);

/** A plain Python exception (ValueError, TypeError, KeyError, ...): a 500 in JSON-2. */
export const pythonError = (className: string, message: string) => new OdooError(`builtins.${className}`, message, 500);

/** What surfaces after Odoo's five silent retries of a PostgreSQL 40001 (odoo/service/model.py). */
export const serializationFailure = () =>
  new OdooError('psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update', 500);

export const unknownDatabase = (database: string) =>
  new OdooError('psycopg2.OperationalError', `connection to server failed: FATAL:  database "${database}" does not exist`, 500);

/** werkzeug.exceptions.*: Odoo's JSON-2 dispatcher reports `arguments` as (description, code). */
export function httpException(status: keyof typeof WERKZEUG_NAMES | number, description: string): OdooError {
  const name = WERKZEUG_NAMES[status] ?? 'HTTPException';
  return new OdooError(`werkzeug.exceptions.${name}`, description, status, [description, status]);
}

/** Anything the simulator did not anticipate still answers like Odoo: a 500 with a Python-ish name. */
export function asOdooError(error: unknown): OdooError {
  if (error instanceof OdooError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  const wrapped = pythonError('Exception', cause.message);
  wrapped.stack = cause.stack;
  return wrapped;
}
