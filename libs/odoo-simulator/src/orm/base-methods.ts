/* The ORM methods every model answers over RPC, with Odoo's parameter names and defaults:
 * they are the JSON-2 keys and the legacy positional order at once. */
import { pythonError } from '../errors/odoo-errors';
import { pythonTypeName } from '../errors/python-repr';
import { fieldsGet } from './fields-get';
import { MethodCall, MethodDefinition, ParamDefinition, Vals } from './model-definition';
import { nameSearch } from './name-search';

export const required = (name: string): ParamDefinition => ({ name });
export const optional = (name: string, defaultValue: unknown): ParamDefinition => ({ name, default: defaultValue });

const base = (definition: Omit<MethodDefinition, 'owner'>): MethodDefinition => ({ owner: 'BaseModel', ...definition });

export const BASE_METHODS: MethodDefinition[] = [
  base({
    name: 'search_read',
    api: 'model',
    access: 'read',
    params: [optional('domain', null), optional('fields', null), optional('offset', 0), optional('limit', null), optional('order', null)],
    extraKeywords: ['load'],
    run: ({ env, model, args }) => {
      const ids = env.search(model, (args.domain as unknown[]) ?? [], searchOptions(args));
      return env.read(model, ids, fieldList(args.fields), args.load ?? '_classic_read');
    },
  }),
  base({
    name: 'read',
    api: 'records',
    access: 'read',
    params: [optional('fields', null), optional('load', '_classic_read')],
    run: ({ env, model, ids, args }) => env.read(model, ids, fieldList(args.fields), args.load),
  }),
  base({
    name: 'search',
    api: 'model',
    access: 'read',
    params: [required('domain'), optional('offset', 0), optional('limit', null), optional('order', null)],
    run: ({ env, model, args }) => env.search(model, args.domain as unknown[], searchOptions(args)),
  }),
  base({
    name: 'search_count',
    api: 'model',
    access: 'read',
    params: [required('domain'), optional('limit', null)],
    run: ({ env, model, args }) => env.search(model, args.domain as unknown[], { limit: args.limit as number }).length,
  }),
  base({ name: 'create', api: 'model_create', access: 'create', params: [required('vals_list')], run: create }),
  base({ name: 'write', api: 'records', access: 'write', params: [required('vals')], run: write }),
  base({
    name: 'unlink',
    api: 'records',
    access: 'unlink',
    params: [],
    run: ({ env, model, ids }) => {
      env.unlink(model, ids);
      return true;
    },
  }),
  base({
    name: 'fields_get',
    api: 'model',
    params: [optional('allfields', null), optional('attributes', null)],
    run: ({ env, model, args }) => fieldsGet(env.model(model), args.allfields, args.attributes),
  }),
  // The domain parameter was called `args` until 17.
  base({
    name: 'name_search',
    api: 'model',
    access: 'read',
    versions: { to: 17 },
    params: [optional('name', ''), optional('args', null), optional('operator', 'ilike'), optional('limit', 100)],
    run: ({ env, model, args }) => nameSearch(env, model, args.name, args.args, args.operator, args.limit),
  }),
  base({
    name: 'name_search',
    api: 'model',
    access: 'read',
    versions: { from: 18 },
    params: [optional('name', ''), optional('domain', null), optional('operator', 'ilike'), optional('limit', 100)],
    run: ({ env, model, args }) => nameSearch(env, model, args.name, args.domain, args.operator, args.limit),
  }),
];

function searchOptions(args: Record<string, unknown>) {
  return { offset: args.offset as number, limit: args.limit as number | null, order: args.order as string | null };
}

// Python iterates whatever it is given: a string of field names becomes its characters.
function fieldList(fields: unknown): string[] | null {
  if (fields === null || fields === undefined || fields === false) return null;
  if (typeof fields === 'string') return [...fields];
  if (Array.isArray(fields)) return fields as string[];
  throw pythonError('TypeError', `'${pythonTypeName(fields)}' object is not iterable`);
}

/** @api.model_create_multi accepts one dict or a list of dicts. */
function create({ env, model, args }: MethodCall): number[] {
  const valsList = args.vals_list;
  const list = isDict(valsList) ? [valsList] : valsList;
  if (typeof list === 'string') throw pythonError('TypeError', `'str' object is not a mapping`);
  if (!Array.isArray(list)) throw pythonError('TypeError', `'${pythonTypeName(list)}' object is not iterable`);
  for (const vals of list) {
    if (!isDict(vals)) throw pythonError('TypeError', `'${pythonTypeName(vals)}' object is not a mapping`);
  }
  return env.create(model, list as Vals[]);
}

function write({ env, model, ids, args }: MethodCall): boolean {
  if (!ids.length) return true;
  if (!isDict(args.vals)) throw pythonError('AttributeError', `'${pythonTypeName(args.vals)}' object has no attribute 'items'`);
  env.write(model, ids, args.vals);
  return true;
}

export function isDict(value: unknown): value is Vals {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
