/**
 * Work a handler defers to the end of the fetched batch, inside the batch's transaction: handlers
 * that can apply many events at once (one query per batch instead of several per event) collect
 * them here. When a batch falls back to one record at a time, each record has a scope of its own.
 */
export class BatchScope {
  private readonly collections = new Map<string, { items: unknown[]; flush: (items: unknown[]) => Promise<void> }>();

  /** Adds `item` to the collection `key`; `flush` runs once with all of them before the commit. */
  collect<T>(key: string, item: T, flush: (items: T[]) => Promise<void>): void {
    let collection = this.collections.get(key);
    if (!collection) this.collections.set(key, (collection = { items: [], flush: flush as (items: unknown[]) => Promise<void> }));
    collection.items.push(item);
  }

  async flush(): Promise<void> {
    for (const { items, flush } of this.collections.values()) await flush(items);
    this.collections.clear();
  }
}
