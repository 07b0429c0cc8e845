/* The rows a search must look at: when the domain requires `field = value` (or `in`) on
 * indexable columns, the fewest rows the indexes give for one of them; otherwise the whole table.
 * The full domain is still evaluated on the candidates, so this changes speed, never results. */
import { ModelSchema } from './catalog';
import { DomainNode } from './domain-parse';
import { Env } from './env';
import { FieldType } from './model-definition';

// Stored types whose domain equality is exact equality of the stored value with a JSON value of this type.
const INDEXABLE: Partial<Record<FieldType, 'number' | 'string'>> = {
  many2one: 'number',
  integer: 'number',
  many2one_reference: 'number',
  char: 'string',
  selection: 'string',
};

export function searchCandidates(env: Env, schema: ModelSchema, tree: DomainNode): number[] {
  const terms = tree.kind === 'and' ? tree.children : [tree];
  let fewest: number[] | undefined;
  for (const term of terms) {
    const ids = indexedIds(env, schema, term);
    if (ids && (!fewest || ids.length < fewest.length)) fewest = ids;
  }
  return fewest ?? env.tx.ids(schema.name);
}

function indexedIds(env: Env, schema: ModelSchema, term: DomainNode): number[] | undefined {
  if (term.kind !== 'leaf' || term.path.length !== 1 || (term.operator !== '=' && term.operator !== 'in')) return undefined;
  const field = schema.field(term.path[0]);
  const valueType = field && schema.isStored(field) ? INDEXABLE[field.type] : undefined;
  const values = term.operator === 'in' ? term.value : [term.value];
  if (!field || !valueType || !Array.isArray(values) || !values.every((value) => typeof value === valueType)) return undefined;
  return [...new Set(values.flatMap((value) => env.tx.idsWhere(schema.name, field.name, value)))];
}
