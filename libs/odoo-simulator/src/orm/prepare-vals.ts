/* Shared by create and write: check every key names a field, drop what Odoo drops, convert the
 * rest, and keep x2many values aside (they need the record's id before they can apply). */
import { pythonError } from '../errors/odoo-errors';
import { pythonRepr } from '../errors/python-repr';
import { ModelSchema } from './catalog';
import { toStoredValue } from './convert-value';
import { PROTECTED_FIELDS } from './magic-fields';
import { FieldDefinition, Vals } from './model-definition';

export interface PreparedVals {
  columns: Record<string, unknown>;
  relations: Array<[FieldDefinition, unknown]>;
}

export function checkFieldNames(schema: ModelSchema, names: Iterable<string>): void {
  for (const name of names) {
    if (!schema.field(name)) throw invalidField(schema.name, name);
  }
}

export function invalidField(model: string, name: string) {
  return pythonError('ValueError', `Invalid field ${pythonRepr(name)} on model ${pythonRepr(model)}`);
}

export function prepareVals(schema: ModelSchema, vals: Vals): PreparedVals {
  checkFieldNames(schema, Object.keys(vals));
  const prepared: PreparedVals = { columns: {}, relations: [] };
  for (const [name, value] of Object.entries(vals)) {
    const field = schema.field(name)!;
    // Magic columns and non-stored computed fields: Odoo ignores such keys rather than failing.
    if (PROTECTED_FIELDS.has(name) || field.compute) continue;
    if (field.type === 'one2many' || field.type === 'many2many') prepared.relations.push([field, value]);
    else prepared.columns[name] = toStoredValue(schema.name, field, value);
  }
  return prepared;
}
