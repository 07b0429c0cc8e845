import { DeadLetterHeader, type StringHeaders } from '../envelope/headers';
import { errorCode, errorMessage } from '../errors';
import type { EventProducer } from '../kafka/event-producer';
import { deadLetterTopicOf } from '../kafka/topics';
import { eventMetrics } from '../metrics';

export interface FailedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: StringHeaders;
}

/** Sends a record that cannot be processed to `<topic>.dlq`, unchanged, with why and where from. */
export class DeadLetters {
  constructor(
    private readonly producer: EventProducer,
    private readonly consumerGroup: string,
  ) {}

  async send(record: FailedRecord, error: unknown, attempts: number): Promise<void> {
    const code = errorCode(error);
    await this.producer.send([
      {
        topic: deadLetterTopicOf(record.topic),
        key: record.key ? record.key.toString('utf8') : null,
        value: record.value ?? Buffer.alloc(0),
        headers: {
          ...record.headers,
          [DeadLetterHeader.errorCode]: code,
          [DeadLetterHeader.errorMessage]: errorMessage(error).slice(0, 4000),
          [DeadLetterHeader.originalTopic]: record.topic,
          [DeadLetterHeader.originalPartition]: String(record.partition),
          [DeadLetterHeader.originalOffset]: record.offset,
          [DeadLetterHeader.consumerGroup]: this.consumerGroup,
          [DeadLetterHeader.attempts]: String(attempts),
          [DeadLetterHeader.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    eventMetrics.deadLettered.inc({ topic: record.topic, group: this.consumerGroup, code });
  }
}
