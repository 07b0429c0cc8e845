/* One call's ORM environment (Odoo's `env`): who calls, in which transaction, at which instant,
 * with which context. Business code reads and writes only through it. */
import { Row } from '../store/store';
import { Transaction } from '../store/transaction';
import { Catalog, ModelSchema } from './catalog';
import { createRecords } from './create-records';
import { formatDatetime } from './datetime-format';
import { Vals } from './model-definition';
import { readRecords } from './read-records';
import { searchRecords, SearchOptions } from './search-records';
import { unlinkRecords } from './unlink-records';
import { writeRecords } from './write-records';

export type Context = Readonly<Record<string, unknown>>;

export interface EnvUser {
  uid: number;
  /** Member of Administration / Settings (base.group_system): passes every ACL. */
  admin: boolean;
}

export class Env {
  constructor(
    readonly catalog: Catalog,
    readonly tx: Transaction,
    readonly user: EnvUser,
    /** The transaction's start: what write_date/create_date record (PostgreSQL now()). */
    readonly now: number,
    readonly context: Context = {},
  ) {}

  get uid(): number {
    return this.user.uid;
  }

  get version() {
    return this.catalog.version;
  }

  /** Today in UTC, as Odoo's fields.Date.context_today would give without a tz. */
  get today(): string {
    return formatDatetime(this.now).slice(0, 10);
  }

  withContext(extra: Context): Env {
    return new Env(this.catalog, this.tx, this.user, this.now, { ...this.context, ...extra });
  }

  model(name: string): ModelSchema {
    const schema = this.catalog.get(name);
    if (!schema) throw new Error(`model ${name} is not defined for Odoo ${this.version}`);
    return schema;
  }

  row(model: string, id: number): Row | undefined {
    return this.tx.get(model, id);
  }

  exists(model: string, id: number): boolean {
    return this.tx.get(model, id) !== undefined;
  }

  /** A column's stored value (false when the record is gone). */
  stored(model: string, id: number, field: string): unknown {
    return this.tx.get(model, id)?.[field] ?? false;
  }

  /** A field in stored form, whatever its kind: column, computed, or one2many (inverse lookup). */
  get(model: string, id: number, fieldName: string): unknown {
    const field = this.model(model).field(fieldName);
    if (!field) throw new Error(`${model} has no field ${fieldName}`);
    if (field.compute) return field.compute(this, id, model);
    if (field.type === 'one2many') return this.inverseIds(field.relation!, field.inverseName!, id);
    return this.stored(model, id, fieldName);
  }

  /** A many2one in stored form: the target id or false. */
  ref(model: string, id: number, fieldName: string): number | false {
    return (this.get(model, id, fieldName) as number | false) || false;
  }

  ids(model: string, id: number, fieldName: string): number[] {
    return (this.get(model, id, fieldName) as number[] | false) || [];
  }

  displayName(model: string, id: number): string {
    const definition = this.model(model).definition;
    if (definition.displayName) return definition.displayName(this, id);
    const name = this.model(model).field('name') ? this.stored(model, id, 'name') : false;
    return typeof name === 'string' ? name : `${model},${id}`;
  }

  search(model: string, domain: unknown[] = [], options: SearchOptions = {}): number[] {
    return searchRecords(this, model, domain, options);
  }

  create(model: string, valsList: Vals[]): number[] {
    return createRecords(this, model, valsList);
  }

  createOne(model: string, vals: Vals): number {
    return this.create(model, [vals])[0];
  }

  write(model: string, ids: number[], vals: Vals): void {
    writeRecords(this, model, ids, vals);
  }

  unlink(model: string, ids: number[]): void {
    unlinkRecords(this, model, ids);
  }

  read(model: string, ids: number[], fields: string[] | null = null, load: unknown = '_classic_read') {
    return readRecords(this, model, ids, fields, load);
  }

  /** one2many lines, by id; archived ones are hidden unless the context says active_test: false. */
  private inverseIds(comodel: string, inverseName: string, id: number): number[] {
    const hideArchived = this.model(comodel).hasActiveField && this.context.active_test !== false;
    const lines = this.tx.idsWhere(comodel, inverseName, id);
    return (hideArchived ? lines.filter((line) => this.tx.get(comodel, line)!.active !== false) : lines).sort((a, b) => a - b);
  }
}
