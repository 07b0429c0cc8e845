/** Where the codec finds an event type's topic and Avro schema (libs/schemas provides the real one). */
export interface CatalogEntry {
  topic: string;
  /** Avro full name, also the `event-type` header. */
  name: string;
  /** Fully expanded Avro schema (no references to other files). */
  schema: object;
}

export interface EventCatalog {
  find(eventType: string): CatalogEntry | undefined;
}

export function catalogOf(entries: readonly CatalogEntry[]): EventCatalog {
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return { find: (eventType) => byName.get(eventType) };
}
