import type { Knex } from 'knex';
import type { AvroCodec } from '../codec/avro-codec';
import { toEventRecord } from '../envelope/event-record';
import type { OutgoingEvent } from '../envelope/outgoing-event';
import { OUTBOX_TABLE } from '../migrations/event-tables';

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
    const records = await Promise.all(list.map((event) => toEventRecord(this.codec, this.source, event)));
    await trx(OUTBOX_TABLE).insert(
      records.map((record) => ({
        event_id: record.eventId,
        topic: record.topic,
        partition_key: record.key,
        event_type: record.eventType,
        value: record.value,
        headers: record.headers,
      })),
    );
    return records.map((record) => record.eventId);
  }
}
