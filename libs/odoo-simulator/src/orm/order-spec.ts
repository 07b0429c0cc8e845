/* The `order` argument of search/search_read ("write_date asc, id asc"), validated like
 * BaseModel._check_qorder and applied with PostgreSQL's NULL placement (last when ascending,
 * first when descending). Many2one columns sort by target id, not by the target's _order. */
import { pythonError } from '../errors/odoo-errors';
import { ModelSchema } from './catalog';
import { Env } from './env';
import { invalidField } from './prepare-vals';

const ORDER_SPEC = /^(\s*"?[a-z0-9_]+"?(\.[a-z0-9_]+)?(\s+(desc|asc))?(\s+(nulls first|nulls last))?\s*(,|$))+(?<!,)$/i;

interface OrderTerm {
  field: string;
  descending: boolean;
  nullsFirst: boolean;
}

export function parseOrder(schema: ModelSchema, order: string): OrderTerm[] {
  if (!ORDER_SPEC.test(order)) {
    throw pythonError(
      'ValueError',
      `Invalid "order" specified (${order}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
    );
  }
  return order.split(',').map((part) => {
    const [rawField, ...words] = part.trim().split(/\s+/);
    const field = rawField.replace(/"/g, '');
    const definition = schema.field(field);
    if (!definition || definition.type === 'one2many' || definition.type === 'many2many') {
      throw invalidField(schema.name, field);
    }
    const descending = words[0]?.toLowerCase() === 'desc';
    const nulls = words.join(' ').toLowerCase();
    return { field, descending, nullsFirst: nulls.includes('nulls first') || (descending && !nulls.includes('nulls last')) };
  });
}

export function sortIds(env: Env, model: string, ids: number[], terms: OrderTerm[]): number[] {
  const keyed = ids.map((id) => ({ id, keys: terms.map((term) => sortKey(env.get(model, id, term.field))) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < terms.length; i++) {
      const result = compareKeys(a.keys[i], b.keys[i], terms[i]);
      if (result !== 0) return result;
    }
    return a.id - b.id;
  });
  return keyed.map((entry) => entry.id);
}

function sortKey(value: unknown): number | string | null {
  if (value === false || value === null || value === undefined) return null;
  if (value === true) return 1;
  return typeof value === 'number' ? value : String(value);
}

function compareKeys(a: number | string | null, b: number | string | null, term: OrderTerm): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === term.nullsFirst ? -1 : 1;
  }
  const ascending = a < b ? -1 : a > b ? 1 : 0;
  return term.descending ? -ascending : ascending;
}
