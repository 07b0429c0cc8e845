import type { Knex } from 'knex';
import type { AvroCodec } from '../codec/avro-codec';
import { newEventId } from '../envelope/event-id';
import { EventHeader, type StringHeaders } from '../envelope/headers';
import type { OutgoingEvent } from '../envelope/outgoing-event';
import { OUTBOX_TABLE } from '../migrations/event-tables';
import { startPublishSpan } from '../tracing/trace-context';

export interface OutboxRow {
  event_id: string;
  topic: string;
  partition_key: string;
  event_type: string;
  value: Buffer;
  headers: StringHeaders;
}

/**
 * The publish API: events are written to the outbox in the caller's transaction, so they exist
 * exactly when the state change that implies them commits. The relay sends them to Kafka.
 */
export class Outbox {
  constructor(
    private readonly codec: AvroCodec,
    /** Service name, the `source` header. */
    private readonly source: string,
  ) {}

  /** Validates, encodes and stores the events; returns their event ids in order. */
  async append(trx: Knex.Transaction, events: OutgoingEvent | OutgoingEvent[]): Promise<string[]> {
    const list = Array.isArray(events) ? events : [events];
    if (list.length === 0) return [];
    const rows = await Promise.all(list.map((event) => this.toRow(event)));
    await trx(OUTBOX_TABLE).insert(rows);
    return rows.map((row) => row.event_id);
  }

  private async toRow(event: OutgoingEvent): Promise<OutboxRow> {
    const eventId = event.eventId ?? newEventId();
    const { topic, value } = await this.codec.encode(event.type, event.payload);
    const { span, traceHeaders } = startPublishSpan(topic, event.type, eventId);
    span.end();
    return {
      event_id: eventId,
      topic,
      partition_key: event.key,
      event_type: event.type,
      value,
      headers: {
        [EventHeader.eventId]: eventId,
        [EventHeader.eventType]: event.type,
        [EventHeader.correlationId]: event.correlationId ?? eventId,
        [EventHeader.causationId]: event.causationId ?? '',
        [EventHeader.source]: this.source,
        [EventHeader.occurredAt]: (event.occurredAt ?? new Date()).toISOString(),
        ...traceHeaders,
      },
    };
  }
}
