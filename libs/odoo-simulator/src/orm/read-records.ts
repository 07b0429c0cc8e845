/* BaseModel.read's wire encoding (odoo/tools/json.py): many2one as [id, display_name] (just the
 * id when `load` is falsy), x2many as id lists, unset values as false, datetimes as UTC
 * "YYYY-MM-DD HH:MM:SS", numbers unset in the database as 0. */
import { Env } from './env';
import { formatDatetime } from './datetime-format';
import { FieldDefinition } from './model-definition';
import { checkFieldNames } from './prepare-vals';
import { pythonTruthy } from './convert-value';
import { missingRecords } from './write-records';

export type RecordValues = Record<string, unknown>;

export function readRecords(env: Env, model: string, ids: number[], fields: string[] | null, load: unknown): RecordValues[] {
  const schema = env.model(model);
  const names = fields?.length ? fields : [...schema.fields.keys()];
  checkFieldNames(schema, names);
  const missing = ids.filter((id) => !env.exists(model, id));
  if (missing.length) throw missingRecords(env, model, missing);
  const classicLoad = pythonTruthy(load);
  return ids.map((id) => {
    const values: RecordValues = { id };
    for (const name of names) {
      values[name] = toWire(env, schema.field(name)!, env.get(model, id, name), classicLoad);
    }
    return values;
  });
}

export function toWire(env: Env, field: FieldDefinition, value: unknown, classicLoad = true): unknown {
  switch (field.type) {
    case 'many2one':
      if (!value) return false;
      return classicLoad ? [value, env.displayName(field.relation!, value as number)] : value;
    case 'one2many':
    case 'many2many':
      return value || [];
    case 'integer':
    case 'float':
    case 'monetary':
    case 'many2one_reference':
      return value || 0;
    case 'boolean':
      return Boolean(value);
    case 'datetime':
      return typeof value === 'number' ? formatDatetime(value) : false;
    default:
      return value === null || value === undefined ? false : value;
  }
}
