import { HttpProblem } from '@backbone/service-kit';
import { ExceptionAlreadyResolvedError, ExceptionNotFoundError, InvalidCursorError, NoRetryHandlerError, ReasonRequiredError } from '../model/exception.errors';

/** The API's one translation of queue refusals into problem documents; anything else passes through. */
export function toHttpProblem(error: unknown): unknown {
  if (error instanceof ExceptionNotFoundError) {
    return new HttpProblem({ status: 404, code: error.code, title: 'Business exception not found', detail: error.message, extensions: { exceptionId: error.exceptionId } });
  }
  if (error instanceof ExceptionAlreadyResolvedError) {
    return new HttpProblem({ status: 409, code: error.code, title: 'Business exception already resolved', detail: error.message, extensions: { exceptionId: error.exceptionId, resolution: error.resolution } });
  }
  if (error instanceof NoRetryHandlerError) {
    return new HttpProblem({ status: 422, code: error.code, title: 'Business exception cannot be retried', detail: error.message, extensions: { exceptionId: error.exceptionId, exceptionCode: error.exceptionCode } });
  }
  if (error instanceof ReasonRequiredError) {
    return new HttpProblem({ status: 422, code: error.code, title: 'Reason required', detail: error.message, errors: [{ field: 'reason', message: 'must not be blank' }] });
  }
  if (error instanceof InvalidCursorError) {
    return new HttpProblem({ status: 400, code: 'REQUEST.INVALID', title: 'Invalid request', detail: '1 invalid field(s)', errors: [{ field: 'cursor', message: error.message }] });
  }
  return error;
}
