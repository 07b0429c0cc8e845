/* BaseModel.create: defaults (context `default_<field>` first, then the field's own), conversion,
 * database constraints, then x2many commands once the new id exists. */
import { ModelSchema } from './catalog';
import { Env } from './env';
import { checkRowIntegrity } from './integrity';
import { FieldDefinition, Vals } from './model-definition';
import { prepareVals } from './prepare-vals';
import { applyX2many } from './x2many-commands';

export function createRecords(env: Env, model: string, valsList: Vals[]): number[] {
  const schema = env.model(model);
  const create = (list: Vals[]) => list.map((vals) => createOne(env, schema, vals));
  const override = schema.definition.overrides?.create;
  return override ? override(env, valsList, create) : create(valsList);
}

function createOne(env: Env, schema: ModelSchema, vals: Vals): number {
  const { columns, relations } = prepareVals(schema, withDefaults(env, schema, vals));
  const id = env.tx.newId(schema.name);
  const row: Record<string, unknown> = { ...emptyColumns(schema), ...columns, id };
  Object.assign(row, { create_uid: env.uid, create_date: env.now, write_uid: env.uid, write_date: env.now });
  checkRowIntegrity(env, schema, row);
  env.tx.put(schema.name, row as Record<string, unknown> & { id: number });
  for (const [field, value] of relations) applyX2many(env, schema, id, field, value);
  return id;
}

// Constants and context defaults first, so that computed defaults (a picking's name from its
// picking type) see every other value the record will get.
function withDefaults(env: Env, schema: ModelSchema, vals: Vals): Vals {
  const merged: Vals = { ...vals };
  const deferred: FieldDefinition[] = [];
  for (const field of schema.fields.values()) {
    if (field.name in merged || field.compute) continue;
    const fromContext = `default_${field.name}`;
    if (fromContext in env.context) merged[field.name] = env.context[fromContext];
    else if (typeof field.default === 'function') deferred.push(field);
    else if (field.default !== undefined) merged[field.name] = field.default;
  }
  for (const field of deferred) {
    merged[field.name] = (field.default as (env: Env, vals: Vals) => unknown)(env, merged);
  }
  return merged;
}

function emptyColumns(schema: ModelSchema): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of schema.fields.values()) {
    if (!schema.isStored(field)) continue;
    row[field.name] = emptyValue(field);
  }
  return row;
}

// An unset column is NULL (false here): a required integer left out violates NOT NULL like in
// PostgreSQL, and reads back as 0 through read_records.
function emptyValue(field: FieldDefinition): unknown {
  return field.type === 'many2many' ? [] : false;
}
