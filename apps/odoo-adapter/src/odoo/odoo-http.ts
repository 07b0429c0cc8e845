import { parseRetryAfter } from '@backbone/service-kit';
import { OdooError, OdooErrorCode, codeOfOdooException, type OdooErrorDetails } from './odoo-error';

export interface Where {
  model: string;
  method: string;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Connection errors raised before the request left this process: Odoo certainly did not run it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * POSTs JSON with a deadline. Node's fetch (undici) keeps connections alive and reuses them.
 * Network failures become OdooErrors; any HTTP answer is returned for the transport to read.
 */
export async function postJson(url: string, body: unknown, headers: Record<string, string>, timeoutMs: number, where: Where): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': 'backbone-odoo-adapter', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw networkError(error, where, timeoutMs);
  }
}

export async function getJson(url: string, timeoutMs: number, where: Where): Promise<unknown> {
  let answer: HttpAnswer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    answer = { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw networkError(error, where, timeoutMs);
  }
  if (answer.status !== 200) throw httpError(answer, where);
  return JSON.parse(answer.text);
}

function networkError(error: unknown, where: Where, timeoutMs: number): OdooError {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return new OdooError(OdooErrorCode.timeout, `no answer within ${timeoutMs} ms`, { ...where, mayHaveCommitted: true });
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as Error).name;
  return new OdooError(OdooErrorCode.unavailable, `connection failed (${code}): ${cause?.message ?? (error as Error).message}`, {
    ...where,
    odooName: code,
    mayHaveCommitted: !NOT_SENT.has(code),
  });
}

/** An HTTP answer that is not a protocol-level result: a proxy page (429/5xx) or an Odoo error body. */
export function httpError(answer: HttpAnswer, where: Where, odooName?: string, message?: string): OdooError {
  const details: OdooErrorDetails = { ...where, httpStatus: answer.status, odooName };
  const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  const text = message ?? (answer.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) || `HTTP ${answer.status}`);
  if (answer.status === 429) return new OdooError(OdooErrorCode.rateLimited, text, details);
  if (odooName) return new OdooError(codeOfOdooException(odooName, answer.status), text, details);
  if (answer.status === 401) return new OdooError(OdooErrorCode.accessDenied, text, details);
  if (answer.status >= 500) {
    // A gateway that gave up waiting cannot say whether the worker finished the call.
    return new OdooError(OdooErrorCode.unavailable, text, { ...details, mayHaveCommitted: answer.status === 504 });
  }
  return new OdooError(OdooErrorCode.protocol, text, details);
}
