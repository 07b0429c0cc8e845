import type { AvroCodec } from '../codec/avro-codec';
import { toEventRecord } from '../envelope/event-record';
import type { OutgoingEvent } from '../envelope/outgoing-event';
import type { EventProducer } from './event-producer';

/**
 * Publishes straight to Kafka, without the outbox. Only for events that have no database state
 * to stay consistent with (e.g. a gateway relaying what it received); everything else uses Outbox.
 */
export class EventPublisher {
  constructor(
    private readonly codec: AvroCodec,
    private readonly producer: EventProducer,
    private readonly source: string,
  ) {}

  async publish(events: OutgoingEvent[]): Promise<string[]> {
    const records = await Promise.all(events.map((event) => toEventRecord(this.codec, this.source, event)));
    await this.producer.send(records);
    return records.map((record) => record.eventId);
  }
}
