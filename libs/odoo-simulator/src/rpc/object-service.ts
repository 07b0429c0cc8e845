/* The legacy `object` service: execute_kw(db, uid, password, model, method, args, kwargs) and
 * execute(db, uid, password, model, method, *args), credentials checked on every call, record
 * methods taking their ids as args[0], context taken from kwargs (odoo/service/model.py, api.call_kw). */
import { pythonError } from '../errors/odoo-errors';
import { pythonRepr, pythonTypeName } from '../errors/python-repr';
import { isDict } from '../orm/base-methods';
import { Context } from '../orm/env';
import { bindArguments } from './bind-arguments';
import { CallScope } from './call-gateway';
import { checkDatabase } from './common-service';
import { checkPublicMethod, findMethod, findModel, invoke, normalizeIds } from './method-invocation';
import { Runtime } from './runtime';

interface ObjectCall {
  model: unknown;
  method: unknown;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Odoo calls execute_kw(db, uid, *params[3:]) / execute(db, uid, *params[3:]): Python's arity rules apply. */
function objectCallOf(method: string, params: unknown[]): ObjectCall | undefined {
  if (method !== 'execute' && method !== 'execute_kw') return undefined;
  const required = method === 'execute' ? ['obj', 'method'] : ['obj', 'method', 'args'];
  const missing = required.slice(Math.max(0, params.length - 3));
  if (missing.length) {
    const names = missing.map((name) => `'${name}'`).join(missing.length === 2 ? ' and ' : ', ');
    throw pythonError('TypeError', `${method}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names}`);
  }
  if (method === 'execute') return { model: params[3], method: params[4], args: params.slice(5), kwargs: {} };
  if (params.length > 7) throw pythonError('TypeError', `execute_kw() takes from 5 to 6 positional arguments but ${params.length - 1} were given`);
  const [args, kwargs] = [params[5], params[6] ?? {}];
  if (!Array.isArray(args)) throw pythonError('TypeError', `odoo.service.model.execute() argument after * must be an iterable, not ${pythonTypeName(args)}`);
  if (!isDict(kwargs)) throw pythonError('TypeError', `odoo.service.model.execute() argument after ** must be a mapping, not ${pythonTypeName(kwargs)}`);
  return { model: params[3], method: params[4], args, kwargs };
}

export function objectService(runtime: Runtime, scope: CallScope, method: string, params: unknown[]): unknown {
  if (params.length < 3) throw pythonError('IndexError', 'list index out of range');
  checkDatabase(runtime, params[0]);
  const user = runtime.users.check(pythonInt(params[1]), params[2]);
  const call = objectCallOf(method, params);
  if (!call) throw pythonError('NameError', `Method not available ${method}`);
  const model = String(call.model);
  const name = String(call.method);
  checkPublicMethod(model, name);
  const schema = findModel(runtime, model, 'jsonrpc');
  const definition = findMethod(schema, name, 'jsonrpc');
  const { context: rawContext, ...keywords } = call.kwargs;
  const onRecords = definition.api === 'records';
  if (onRecords && !call.args.length) throw pythonError('IndexError', 'tuple index out of range');
  const positional = onRecords ? call.args.slice(1) : call.args;
  const args = bindArguments(definition, positional, keywords, 'call');
  const ids = onRecords ? normalizeIds(call.args[0]) : [];
  const result = invoke(runtime, scope, { user, schema, method: definition, ids, args, context: toContext(rawContext) });
  // api._call_kw_model_create: one dict in, one id out; it reads args[0], so vals passed by keyword fail.
  if (definition.api === 'model_create') {
    if (!positional.length) throw pythonError('IndexError', 'tuple index out of range');
    return isDict(positional[0]) ? (result as number[])[0] : result;
  }
  return result;
}

export function toContext(value: unknown): Context {
  if (value === null || value === undefined || value === false) return {};
  if (!isDict(value)) throw pythonError('TypeError', `'${pythonTypeName(value)}' object is not a mapping`);
  return value;
}

function pythonInt(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
  if (typeof value === 'string') throw pythonError('ValueError', `invalid literal for int() with base 10: ${pythonRepr(value)}`);
  throw pythonError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pythonTypeName(value)}'`);
}
