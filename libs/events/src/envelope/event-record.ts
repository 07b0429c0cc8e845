import type { AvroCodec } from '../codec/avro-codec';
import type { ProducerRecord } from '../kafka/event-producer';
import { startPublishSpan } from '../tracing/trace-context';
import { newEventId } from './event-id';
import { EventHeader } from './headers';
import type { OutgoingEvent } from './outgoing-event';

export interface EventRecord extends ProducerRecord {
  eventId: string;
  eventType: string;
  key: string;
}

/** Encodes an event and gives it the standard headers, inside a PRODUCER span whose context travels with it. */
export async function toEventRecord(codec: AvroCodec, source: string, event: OutgoingEvent): Promise<EventRecord> {
  const eventId = event.eventId ?? newEventId();
  const { topic, value } = await codec.encode(event.type, event.payload);
  const { span, traceHeaders } = startPublishSpan(topic, event.type, eventId);
  span.end();
  return {
    eventId,
    eventType: event.type,
    topic,
    key: event.key,
    value,
    headers: {
      [EventHeader.eventId]: eventId,
      [EventHeader.eventType]: event.type,
      [EventHeader.correlationId]: event.correlationId ?? eventId,
      [EventHeader.causationId]: event.causationId ?? '',
      [EventHeader.source]: source,
      [EventHeader.occurredAt]: (event.occurredAt ?? new Date()).toISOString(),
      ...traceHeaders,
    },
  };
}
