/* The committed database: one table per model, rows as immutable objects keyed by id, plus
 * equality indexes built on first use (like the btree indexes Odoo puts on many2one columns),
 * so that one2many reads and "field = value" searches do not scan whole tables.
 * Ids and named sequences live outside transactions, like PostgreSQL sequences: a rolled-back
 * call still consumes the numbers it drew, so ids and "S00042" names can have gaps. */

export type Row = Readonly<Record<string, unknown>> & { readonly id: number };

/** Per table: the rows a transaction wrote (null = deleted). */
export type TableChanges = Map<string, Map<number, Row | null>>;

type Index = Map<unknown, Set<number>>;

export class Store {
  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly sequences = new Map<string, number>();
  private readonly indexes = new Map<string, Map<string, Index>>();

  table(model: string): ReadonlyMap<number, Row> {
    return this.tables.get(model) ?? EMPTY_TABLE;
  }

  /** Ids of committed rows whose `field` is exactly `value`. */
  idsWhere(model: string, field: string, value: unknown): ReadonlySet<number> {
    return this.index(model, field).get(value) ?? EMPTY_SET;
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
      const indexes = this.indexes.get(model);
      for (const [id, row] of rows) {
        const previous = table.get(id);
        if (row) table.set(id, row);
        else table.delete(id);
        indexes?.forEach((index, field) => reindex(index, id, previous?.[field], row ? row[field] : undefined, previous !== undefined, row !== null));
      }
    }
  }

  clear(): void {
    this.tables.clear();
    this.sequences.clear();
    this.indexes.clear();
  }

  private index(model: string, field: string): Index {
    let byField = this.indexes.get(model);
    if (!byField) this.indexes.set(model, (byField = new Map()));
    let index = byField.get(field);
    if (!index) {
      byField.set(field, (index = new Map()));
      for (const [id, row] of this.table(model)) reindex(index, id, undefined, row[field], false, true);
    }
    return index;
  }
}

function reindex(index: Index, id: number, before: unknown, after: unknown, hadRow: boolean, hasRow: boolean): void {
  if (hadRow) index.get(before)?.delete(id);
  if (!hasRow) return;
  let bucket = index.get(after);
  if (!bucket) index.set(after, (bucket = new Set()));
  bucket.add(id);
}

const EMPTY_TABLE: ReadonlyMap<number, Row> = new Map();
const EMPTY_SET: ReadonlySet<number> = new Set();
