/* BaseModel.search: the domain, plus ('active', '=', True) when the model archives rows, the
 * caller did not filter on `active` itself and the context does not say active_test: false. */
import { mentionsField, parseDomain } from './domain-parse';
import { matchesDomain } from './domain-match';
import { Env } from './env';
import { parseOrder, sortIds } from './order-spec';
import { searchCandidates } from './search-candidates';

export interface SearchOptions {
  offset?: number;
  limit?: number | null | false;
  order?: string | null | false;
  /** Overrides the context's active_test (lines of a one2many are searched with archived ones). */
  activeTest?: boolean;
}

export function searchRecords(env: Env, model: string, domain: unknown, options: SearchOptions = {}): number[] {
  const schema = env.model(model);
  const tree = parseDomain(env, schema, domain);
  const activeTest = options.activeTest ?? env.context.active_test !== false;
  const hideArchived = schema.hasActiveField && activeTest && !mentionsField(tree, 'active');
  const visible = (id: number) => !hideArchived || env.stored(model, id, 'active') !== false;
  const matching = searchCandidates(env, schema, tree).filter((id) => visible(id) && matchesDomain(env, model, id, tree));
  const sorted = sortIds(env, model, matching, parseOrder(schema, options.order || schema.order));
  const offset = Number(options.offset) || 0;
  // Odoo treats limit=0/None/False as "no limit".
  return options.limit ? sorted.slice(offset, offset + Number(options.limit)) : sorted.slice(offset);
}
