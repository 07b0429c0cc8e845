/* The committed database: one table per model, rows as immutable objects keyed by id.
 * Ids and named sequences live outside transactions, like PostgreSQL sequences: a rolled-back
 * call still consumes the numbers it drew, so ids and "S00042" names can have gaps. */

export type Row = Readonly<Record<string, unknown>> & { readonly id: number };

/** Per table: the rows a transaction wrote (null = deleted). */
export type TableChanges = Map<string, Map<number, Row | null>>;

export class Store {
  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly sequences = new Map<string, number>();

  table(model: string): ReadonlyMap<number, Row> {
    return this.tables.get(model) ?? EMPTY_TABLE;
  }

  /** Next value of a named sequence (a model's ids use the model name). */
  nextValue(sequence: string): number {
    const next = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, next);
    return next;
  }

  /** Makes the sequence continue after `value` (rows inserted with chosen ids, e.g. user uids). */
  skipPast(sequence: string, value: number): void {
    this.sequences.set(sequence, Math.max(this.sequences.get(sequence) ?? 0, value));
  }

  apply(changes: TableChanges): void {
    for (const [model, rows] of changes) {
      let table = this.tables.get(model);
      if (!table) this.tables.set(model, (table = new Map()));
      for (const [id, row] of rows) {
        if (row) table.set(id, row);
        else table.delete(id);
      }
    }
  }

  clear(): void {
    this.tables.clear();
    this.sequences.clear();
  }
}

const EMPTY_TABLE: ReadonlyMap<number, Row> = new Map();
