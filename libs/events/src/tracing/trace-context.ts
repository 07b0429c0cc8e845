import { context, ROOT_CONTEXT, SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { EventHeader, type StringHeaders } from '../envelope/headers';

// Kafka headers always carry W3C trace context, whatever the process-wide propagator is.
const w3c = new W3CTraceContextPropagator();
const tracer = () => trace.getTracer('@backbone/events');

const setter = { set: (carrier: StringHeaders, key: string, value: string) => void (carrier[key] = value) };
const getter = {
  keys: (carrier: StringHeaders) => Object.keys(carrier),
  get: (carrier: StringHeaders, key: string) => carrier[key],
};

/** A PRODUCER span for one event, returned with the headers that continue its trace downstream. */
export function startPublishSpan(topic: string, eventType: string, eventId: string): { span: Span; traceHeaders: StringHeaders } {
  const span = tracer().startSpan(`${topic} publish`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.message.id': eventId, 'event.type': eventType },
  });
  const traceHeaders: StringHeaders = {};
  w3c.inject(trace.setSpan(context.active(), span), traceHeaders, setter);
  return { span, traceHeaders };
}

/** The context a consumed record's producer left in its headers. */
export function contextFromHeaders(headers: StringHeaders): Context {
  if (!headers[EventHeader.traceparent]) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, headers, getter);
}

/** Runs `work` inside a CONSUMER span that continues the record's trace. */
export async function withConsumeSpan<T>(topic: string, headers: StringHeaders, consumerGroup: string, work: () => Promise<T>): Promise<T> {
  const parent = contextFromHeaders(headers);
  const span = tracer().startSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': consumerGroup,
        'messaging.message.id': headers[EventHeader.eventId] ?? '',
        'event.type': headers[EventHeader.eventType] ?? '',
      },
    },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: 2, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}
