/* The declarative model registry: what a model is (fields, methods, constraints, overrides) as
 * data, so that teaching the simulator a field the adapter needs is one line in models/. */
import type { Env } from './env';

export type OdooVersion = 16 | 17 | 18 | 19;
export const ODOO_VERSIONS: readonly OdooVersion[] = [16, 17, 18, 19];

/** Inclusive range of server versions a field or method exists in. */
export interface VersionRange {
  from?: OdooVersion;
  to?: OdooVersion;
}

export type FieldType =
  | 'char'
  | 'text'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many'
  | 'many2one_reference';

/** Values as the client sends them ("vals"). */
export type Vals = Record<string, unknown>;

export interface FieldDefinition {
  name: string;
  type: FieldType;
  /** The label fields_get reports and error messages quote. */
  string: string;
  required?: boolean;
  readonly?: boolean;
  help?: string;
  /** Comodel of a relational field. */
  relation?: string;
  /** one2many: the many2one on the comodel pointing back. */
  inverseName?: string;
  /** many2one: what deleting the target does (Odoo forces 'restrict' on required 'set null'). */
  ondelete?: 'cascade' | 'set null' | 'restrict';
  selection?: ReadonlyArray<readonly [string, string]>;
  /** A constant in client form, or computed from the call (e.g. a sequence, a related default). */
  default?: string | number | boolean | null | readonly unknown[] | ((env: Env, vals: Vals) => unknown);
  /** Not stored: derived at read time, in stored form (ids, epoch ms). Writes to it are ignored. */
  compute?: (env: Env, id: number, model: string) => unknown;
  versions?: VersionRange;
}

export interface ParamDefinition {
  name: string;
  /** Present = optional parameter with this default; absent = required. */
  default?: unknown;
}

/** `model` = @api.model, `model_create` = @api.model_create_multi, `records` = a method on ids. */
export type MethodApi = 'model' | 'model_create' | 'records';

export type AccessOperation = 'read' | 'write' | 'create' | 'unlink';

export interface MethodCall {
  env: Env;
  model: string;
  ids: number[];
  /** Arguments bound to parameter names, defaults applied. */
  args: Record<string, unknown>;
}

export interface MethodDefinition {
  name: string;
  /** Python class owning the method, for TypeError texts like "BaseModel.write() missing ...". */
  owner: string;
  api: MethodApi;
  params: ParamDefinition[];
  /** Extra keyword arguments the method forwards (search_read passes **read_kwargs to read). */
  extraKeywords?: string[];
  /** The ACL operation checked before running, for the ORM's generic methods. */
  access?: AccessOperation;
  versions?: VersionRange;
  run(call: MethodCall): unknown;
}

/** A PostgreSQL constraint: a unique index (fields) or a CHECK (predicate). */
export interface SqlConstraint {
  name: string;
  unique?: string[];
  check?: (row: Readonly<Record<string, unknown>>) => boolean;
  /** Odoo's _sql_constraints message; without one the PostgreSQL text is reported. */
  message?: string;
}

/** Overrides of the ORM's create/write/unlink, like a Python override calling super(). */
export interface ModelOverrides {
  create?(env: Env, valsList: Vals[], next: (valsList: Vals[]) => number[]): number[];
  write?(env: Env, ids: number[], vals: Vals, next: (vals: Vals) => void): void;
  unlink?(env: Env, ids: number[], next: () => void): void;
}

/** Groups allowed per operation for internal (non-admin) users; admins may do everything. */
export type InternalUserAccess = Record<AccessOperation, boolean>;

export interface ModelDefinition {
  name: string;
  /** Odoo's _description, quoted by access and integrity errors. */
  description: string;
  fields: FieldDefinition[];
  methods?: MethodDefinition[];
  /** Default ordering (_order). */
  order?: string;
  /** display_name; defaults to the `name` field, else "model,id". */
  displayName?: (env: Env, id: number) => string;
  /** Fields name_search matches besides display_name (_rec_names_search). */
  nameSearchFields?: string[];
  /** The many2one making a hierarchy, for the child_of operator. */
  parentField?: string;
  constraints?: SqlConstraint[];
  overrides?: ModelOverrides;
  internalUserAccess?: InternalUserAccess;
  versions?: VersionRange;
}

export function inVersion(range: VersionRange | undefined, version: OdooVersion): boolean {
  return (range?.from ?? 0) <= version && version <= (range?.to ?? Number.POSITIVE_INFINITY);
}
