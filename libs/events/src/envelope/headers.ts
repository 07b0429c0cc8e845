import type { IHeaders } from 'kafkajs';

/** Header names carried by every record (see ARCHITECTURE.md, "Events"). */
export const EventHeader = {
  eventId: 'event-id',
  eventType: 'event-type',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  source: 'source',
  occurredAt: 'occurred-at',
} as const;

/** Extra headers a dead letter carries so it can be understood and replayed. */
export const DeadLetterHeader = {
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  consumerGroup: 'dlq-consumer-group',
  attempts: 'dlq-attempts',
  failedAt: 'dlq-failed-at',
  replayCount: 'replay-count',
} as const;

export type StringHeaders = Record<string, string>;

export function headersToStrings(headers: IHeaders | undefined): StringHeaders {
  const result: StringHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    result[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return result;
}
