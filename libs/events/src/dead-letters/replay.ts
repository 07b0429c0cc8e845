import type { Kafka } from 'kafkajs';
import { newEventId } from '../envelope/event-id';
import { DeadLetterHeader, EventHeader, headersToStrings, type StringHeaders } from '../envelope/headers';
import type { EventProducer } from '../kafka/event-producer';
import { deadLetterTopicOf } from '../kafka/topics';

export interface ReplayFilter {
  /** Only dead letters of this consumer group. */
  consumerGroup?: string;
  /** Only these event ids. */
  eventIds?: string[];
}

export interface ReplayReport {
  deadLetterTopic: string;
  read: number;
  replayed: number;
}

/**
 * Re-drives the dead letters of `topic` to `topic` itself, key, value and headers as they were
 * (plus a replay count), reading the dead-letter topic up to its end as of the start. Replaying
 * twice is harmless: the event id is unchanged, so consumers that already applied it skip it.
 */
export async function replayDeadLetters(kafka: Kafka, producer: EventProducer, topic: string, filter: ReplayFilter = {}): Promise<ReplayReport> {
  const deadLetterTopic = deadLetterTopicOf(topic);
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
  const ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  const pending = new Set(offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => p.partition));
  const report: ReplayReport = { deadLetterTopic, read: 0, replayed: 0 };
  if (pending.size === 0) {
    await admin.disconnect();
    return report;
  }
  const groupId = `dlq-replay-${newEventId()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [deadLetterTopic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition) ?? 0n;
            const records = batch.messages.filter((message) => BigInt(message.offset) < end);
            report.read += records.length;
            const selected = records.map((m) => ({ message: m, headers: headersToStrings(m.headers) })).filter(({ headers }) => matches(headers, filter));
            await producer.send(
              selected.map(({ message, headers }) => ({ topic, key: message.key?.toString('utf8') ?? null, value: message.value ?? Buffer.alloc(0), headers: replayHeaders(headers) })),
            );
            report.replayed += selected.length;
            if (BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return report;
}

function matches(headers: StringHeaders, filter: ReplayFilter): boolean {
  if (filter.consumerGroup && headers[DeadLetterHeader.consumerGroup] !== filter.consumerGroup) return false;
  if (filter.eventIds?.length && !filter.eventIds.includes(headers[EventHeader.eventId])) return false;
  return true;
}

function replayHeaders(headers: StringHeaders): StringHeaders {
  const original: StringHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!name.startsWith('dlq-')) original[name] = value;
  original[DeadLetterHeader.replayCount] = String(Number(headers[DeadLetterHeader.replayCount] ?? 0) + 1);
  return original;
}
