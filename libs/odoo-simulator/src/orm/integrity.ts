/* What PostgreSQL enforces on a row (NOT NULL, foreign keys, unique indexes, CHECKs), reported
 * the way Odoo turns an IntegrityError into a ValidationError (odoo/service/model.py
 * _as_validation_error). The simulator reports a missing required field this way, not with the
 * UI-level "Missing required fields" message, because RPC writes hit the database constraint. */
import { validationError } from '../errors/odoo-errors';
import { ModelSchema } from './catalog';
import { Env } from './env';
import { PROTECTED_FIELDS } from './magic-fields';
import { FieldDefinition } from './model-definition';

export function tableName(model: string): string {
  return model.replace(/\./g, '_');
}

export function checkRowIntegrity(env: Env, schema: ModelSchema, row: Readonly<Record<string, unknown>>): void {
  for (const field of schema.fields.values()) {
    // The audit columns name the calling user, who exists (and OdooBot is written before its own row).
    if (!schema.isStored(field) || PROTECTED_FIELDS.has(field.name)) continue;
    const value = row[field.name];
    if (field.required && field.type !== 'boolean' && (value === false || value === null || value === undefined)) {
      throw notNullViolation(schema, field);
    }
    const targets = field.type === 'many2one' && value ? [value as number] : field.type === 'many2many' ? (value as number[]) : [];
    if (targets.some((id) => !env.exists(field.relation!, id))) {
      throw foreignKeyViolation(schema, `${tableName(schema.name)}_${field.name}_fkey`);
    }
  }
  for (const constraint of schema.definition.constraints ?? []) {
    if (constraint.check && !constraint.check(row)) {
      throw validationError(
        `The operation cannot be completed: ${constraint.message ?? `new row for relation "${tableName(schema.name)}" violates check constraint "${tableName(schema.name)}_${constraint.name}"`}`,
      );
    }
    if (constraint.unique) checkUnique(env, schema, row, constraint.unique, constraint.name, constraint.message);
  }
}

export function foreignKeyViolation(schema: ModelSchema, constraint: string) {
  return validationError(
    'The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${schema.description} (${schema.name})\nConstraint: ${constraint}\n`,
  );
}

function notNullViolation(schema: ModelSchema, field: FieldDefinition) {
  return validationError(
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${schema.description} (${schema.name})\nField: ${field.string} (${field.name})\n`,
  );
}

function checkUnique(
  env: Env,
  schema: ModelSchema,
  row: Readonly<Record<string, unknown>>,
  fields: string[],
  name: string,
  message: string | undefined,
): void {
  const values = fields.map((f) => row[f]);
  // NULLs never collide in a unique index.
  if (values.some((v) => v === false || v === null || v === undefined)) return;
  const clash = env.tx.idsWhere(schema.name, fields[0], values[0]).some((id) => {
    const other = env.tx.get(schema.name, id)!;
    return id !== row.id && fields.every((f, i) => other[f] === values[i]);
  });
  if (!clash) return;
  throw validationError(
    `The operation cannot be completed: ${
      message ??
      `duplicate key value violates unique constraint "${name}"\nDETAIL:  Key (${fields.join(', ')})=(${values.join(', ')}) already exists.\n`
    }`,
  );
}
