import { Row, Store, TableChanges } from './store';

/* One RPC call's view of the database: reads see the committed rows plus this call's own writes;
 * nothing reaches the Store until commit(), so an error anywhere in the call leaves no trace
 * (Odoo runs each call in one PostgreSQL transaction and rolls it back on any exception). */
export class Transaction {
  private readonly changes: TableChanges = new Map();
  private committed = false;

  constructor(private readonly store: Store) {}

  get(model: string, id: number): Row | undefined {
    const changed = this.changes.get(model)?.get(id);
    if (changed !== undefined) return changed ?? undefined;
    return this.store.table(model).get(id);
  }

  /** Every live id of a table, in no particular order. */
  ids(model: string): number[] {
    const changed = this.changes.get(model);
    const committed = [...this.store.table(model).keys()];
    if (!changed) return committed;
    const ids = committed.filter((id) => !changed.has(id));
    for (const [id, row] of changed) if (row) ids.push(id);
    return ids;
  }

  /** Ids of live rows whose `field` is exactly `value`, through the store's index. */
  idsWhere(model: string, field: string, value: unknown): number[] {
    const ids = new Set(this.store.idsWhere(model, field, value));
    for (const [id, row] of this.changes.get(model) ?? []) {
      if (row && row[field] === value) ids.add(id);
      else ids.delete(id);
    }
    return [...ids];
  }

  newId(model: string): number {
    return this.store.nextValue(model);
  }

  skipPast(model: string, id: number): void {
    this.store.skipPast(model, id);
  }

  nextValue(sequence: string): number {
    return this.store.nextValue(sequence);
  }

  put(model: string, row: Row): void {
    this.tableChanges(model).set(row.id, Object.freeze({ ...row }));
  }

  remove(model: string, id: number): void {
    this.tableChanges(model).set(id, null);
  }

  commit(): void {
    if (this.committed) throw new Error('transaction already committed');
    this.committed = true;
    this.store.apply(this.changes);
  }

  private tableChanges(model: string): Map<number, Row | null> {
    let table = this.changes.get(model);
    if (!table) this.changes.set(model, (table = new Map()));
    return table;
  }
}
