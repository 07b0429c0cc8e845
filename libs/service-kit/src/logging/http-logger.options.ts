import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import type { BaseConfig } from '../config/base.config';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

// Accept a caller's id only if it is a plausible token; anything else is replaced, not logged.
const ACCEPTED_CORRELATION_ID = /^[\w.:-]{1,128}$/;

/** pino-http settings: JSON lines with trace ids and the request's correlation id. */
export function httpLoggerOptions(config: Pick<BaseConfig, 'SERVICE_NAME' | 'LOG_LEVEL'>): Options {
  return {
    level: config.LOG_LEVEL,
    base: { service: config.SERVICE_NAME },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceFields,
    genReqId: correlationId,
    // Lines logged while handling a request carry only the correlation id, not the whole request.
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'correlation_id' },
    // The request as access logs need it. Headers stay out: they carry credentials, and
    // serializing and redacting them on every request was a tenth of the HTTP layer's CPU.
    serializers: { req: requestFields },
    // Probes and scrapes arrive every few seconds; logging each one buries real traffic.
    autoLogging: { ignore: (req) => req.url === '/metrics' || (req.url ?? '').startsWith('/health/') },
  };
}

/** What a request's log lines say about it (given pino's standard request object). */
function requestFields(req: { id?: unknown; method?: string; url?: string; headers?: IncomingMessage['headers']; remoteAddress?: string }) {
  // Behind an ingress the peer is the proxy; the client it forwards for is what an access log needs.
  return { id: req.id, method: req.method, url: req.url, userAgent: req.headers?.['user-agent'], remoteAddress: req.remoteAddress, forwardedFor: req.headers?.['x-forwarded-for'] };
}

/** `trace_id` and `span_id` of the active OpenTelemetry span, if there is one. */
export function traceFields(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** The caller's `x-correlation-id`, or a new one; echoed on the response either way. */
export function correlationId(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers[CORRELATION_ID_HEADER];
  const id = typeof offered === 'string' && ACCEPTED_CORRELATION_ID.test(offered) ? offered : randomUUID();
  res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
}
