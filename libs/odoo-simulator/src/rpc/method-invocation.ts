/* Finding and running a model method for either API: private names are refused, unknown models
 * and methods answered as each API does, ids normalized the way Model.browse takes them, the ACL
 * checked, and the method run in the call's environment. */
import { accessError, httpException, OdooError, pythonError, userError } from '../errors/odoo-errors';
import { pythonRepr } from '../errors/python-repr';
import { ModelSchema } from '../orm/catalog';
import { checkModelAccess } from '../orm/access-rights';
import { Context, Env, EnvUser } from '../orm/env';
import { MethodDefinition } from '../orm/model-definition';
import { Api } from './call-stats';
import { CallScope } from './call-gateway';
import { Runtime } from './runtime';

export function checkPublicMethod(model: string, method: string): void {
  if (method.startsWith('_')) throw accessError(`Private methods (such as '${model}.${method}') cannot be called remotely.`);
}

export function findModel(runtime: Runtime, model: string, api: Api): ModelSchema {
  const schema = runtime.catalog.get(model);
  if (schema) return schema;
  throw api === 'jsonrpc' ? userError(`Object ${model} doesn't exist`) : httpException(404, `the model ${pythonRepr(model)} does not exist`);
}

export function findMethod(schema: ModelSchema, method: string, api: Api): MethodDefinition {
  const definition = schema.methods.get(method);
  if (definition) return definition;
  const message = `The method '${schema.name}.${method}' does not exist`;
  throw api === 'jsonrpc' ? pythonError('AttributeError', message) : httpException(404, message);
}

/** Model.browse(ids): one id, a list of ids, or nothing (False/None). */
export function normalizeIds(value: unknown): number[] {
  if (value === false || value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : typeof value === 'object' ? Object.keys(value as object) : [value];
  const bad = list.find((id) => !Number.isInteger(id));
  if (bad !== undefined) {
    throw new OdooError('psycopg2.errors.InvalidTextRepresentation', `invalid input syntax for type integer: "${String(bad)}"`, 500);
  }
  return list as number[];
}

export interface Invocation {
  user: EnvUser;
  schema: ModelSchema;
  method: MethodDefinition;
  ids: number[];
  args: Record<string, unknown>;
  context: Context;
}

export function invoke(runtime: Runtime, scope: CallScope, invocation: Invocation): unknown {
  const env = new Env(runtime.catalog, scope.tx, invocation.user, scope.now, invocation.context);
  if (invocation.method.access) checkModelAccess(env, invocation.schema, invocation.method.access);
  return invocation.method.run({ env, model: invocation.schema.name, ids: invocation.ids, args: invocation.args });
}
