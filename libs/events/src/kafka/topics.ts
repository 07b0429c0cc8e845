import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions?: number;
  /** Broker-side topic configuration, e.g. retention.ms. */
  config?: Record<string, string>;
}

/** Dead letters of `topic` (one dead-letter topic per source topic, shared by consumer groups). */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Creates missing topics (with their dead-letter topics); existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], defaultPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted: TopicSpec[] = specs.flatMap((spec) => [spec, { topic: deadLetterTopicOf(spec.topic), partitions: 1 }]);
    const missing = wanted.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions ?? defaultPartitions,
        replicationFactor: -1,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
