/* BaseModel.write: every id must exist (MissingError otherwise), columns are converted and checked
 * against the database constraints, x2many commands apply after, and the audit columns record
 * who wrote and when the transaction started. */
import { missingError } from '../errors/odoo-errors';
import { recordsetRepr } from '../errors/python-repr';
import { ModelSchema } from './catalog';
import { Env } from './env';
import { checkRowIntegrity } from './integrity';
import { Vals } from './model-definition';
import { prepareVals } from './prepare-vals';
import { applyX2many } from './x2many-commands';

export function writeRecords(env: Env, model: string, ids: number[], vals: Vals): void {
  const schema = env.model(model);
  const write = (finalVals: Vals) => writeAll(env, schema, ids, finalVals);
  const override = schema.definition.overrides?.write;
  if (override) override(env, ids, vals, write);
  else write(vals);
}

export function missingRecords(env: Env, model: string, ids: readonly number[]) {
  return missingError(`Record does not exist or has been deleted.\n(Record: ${recordsetRepr(model, ids)}, User: ${env.uid})`);
}

function writeAll(env: Env, schema: ModelSchema, ids: number[], vals: Vals): void {
  const missing = ids.filter((id) => !env.exists(schema.name, id));
  if (missing.length) throw missingRecords(env, schema.name, missing);
  const { columns, relations } = prepareVals(schema, vals);
  for (const id of ids) {
    const row = { ...env.row(schema.name, id)!, ...columns, write_uid: env.uid, write_date: env.now };
    checkRowIntegrity(env, schema, row);
    env.tx.put(schema.name, row);
    for (const [field, value] of relations) applyX2many(env, schema, id, field, value);
  }
}
