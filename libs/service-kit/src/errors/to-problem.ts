import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { HttpProblem, type InvalidField } from './http-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document with this project's `code` (and, for invalid input, `errors`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  errors?: readonly InvalidField[];
  [extension: string]: unknown;
}

/**
 * The problem document for anything thrown while handling a request at `instance`. Errors that
 * are neither `HttpProblem` nor Nest's `HttpException` become a 500 that reveals nothing.
 */
export function toProblem(error: unknown, instance: string): ProblemDetails {
  if (error instanceof HttpProblem) {
    return {
      ...error.extensions,
      // A relative URI reference (RFC 9457 §3.1.1): no host is baked into the contract.
      type: `/problems/${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      instance,
      code: error.code,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const title = STATUS_CODES[status] ?? 'Error';
    return { type: 'about:blank', title, status, detail: detailOf(error), instance, code: `HTTP.${title.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}` };
  }
  return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.', instance, code: 'INTERNAL' };
}

function detailOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}
