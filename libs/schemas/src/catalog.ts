// The event catalog: every event record with its topic, registry subject and self-contained
// schema. Built from avro/ by scripts/generate.mjs, so there is no file access at runtime.
import type { AvroRecordSchema } from './avro-schema';
import { generatedEvents, generatedTopics } from './generated/catalog.generated';
import type { EventName, Topic, TopicEvents } from './generated/event-payloads.generated';

export interface CatalogEvent<N extends EventName = EventName> {
  /** Kafka topic the event is published on, `<domain>.<aggregate>.v<major>`. */
  readonly topic: Topic;
  /** Avro full name, e.g. `backbone.orders.OrderReceived`. */
  readonly name: N;
  /** Schema registry subject: `subjectFor(topic, name)`. */
  readonly subject: string;
  /** Fully expanded schema (shared named types inlined), as registered. */
  readonly schema: AvroRecordSchema;
}

/** Every event, grouped by topic in catalog order. */
export const catalog: readonly CatalogEvent[] = generatedEvents;

/** Every topic in the catalog. */
export const topics: readonly Topic[] = generatedTopics;

const eventsByName = new Map<string, CatalogEvent>(catalog.map((event) => [event.name, event]));

/** Registry subject under the TopicRecordNameStrategy: `<topic>-<record full name>`. */
export function subjectFor(topic: string, fullName: string): string {
  return `${topic}-${fullName}`;
}

/** The catalog entry for an Avro full name; undefined for names the catalog does not know. */
export function findEvent<N extends EventName>(fullName: N): CatalogEvent<N>;
export function findEvent(fullName: string): CatalogEvent | undefined;
export function findEvent(fullName: string): CatalogEvent | undefined {
  return eventsByName.get(fullName);
}

/** The events published on a topic. */
export function eventsOnTopic<T extends Topic>(topic: T): readonly CatalogEvent<TopicEvents[T]>[] {
  return catalog.filter((event): event is CatalogEvent<TopicEvents[T]> => event.topic === topic);
}
