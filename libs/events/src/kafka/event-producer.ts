import { CompressionTypes, Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import type { StringHeaders } from '../envelope/headers';

export interface ProducerRecord {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: StringHeaders;
}

/**
 * An idempotent producer (acks=all, one request in flight) so retries never duplicate or
 * reorder records of a partition. Records are sent in the order given.
 */
export class EventProducer {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2, the partitioner of the Java clients: the same key lands on the same partition whoever produces it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async send(records: ProducerRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, TopicMessages>();
    for (const record of records) {
      let entry = byTopic.get(record.topic);
      if (!entry) byTopic.set(record.topic, (entry = { topic: record.topic, messages: [] }));
      entry.messages.push({ key: record.key, value: record.value, headers: record.headers });
    }
    await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1, compression: CompressionTypes.None });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
