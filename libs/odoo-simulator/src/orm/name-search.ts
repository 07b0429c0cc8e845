/* BaseModel.name_search: match the display name (and the model's _rec_names_search fields,
 * e.g. a product's internal reference) within an optional domain. */
import { Env } from './env';

const NEGATIVE_OPERATORS = new Set(['!=', 'not like', 'not ilike', 'not in']);

export function nameSearch(env: Env, model: string, name: unknown, domain: unknown, operator: unknown, limit: unknown): Array<[number, string]> {
  const text = typeof name === 'string' ? name : '';
  const op = typeof operator === 'string' ? operator : 'ilike';
  const extra = env.model(model).definition.nameSearchFields ?? [];
  const ids = env.search(model, Array.isArray(domain) ? domain : []);
  const matching = !text && op === 'ilike'
    ? ids
    : ids.filter((id) => {
        const candidates = [env.displayName(model, id), ...extra.map((f) => env.stored(model, id, f))].filter((v) => typeof v === 'string');
        const hits = candidates.map((candidate) => matches(candidate as string, text, op));
        return NEGATIVE_OPERATORS.has(op) ? hits.every(Boolean) : hits.some(Boolean);
      });
  const bounded = typeof limit === 'number' && limit > 0 ? matching.slice(0, limit) : matching;
  return bounded.map((id) => [id, env.displayName(model, id)]);
}

function matches(candidate: string, text: string, operator: string): boolean {
  switch (operator) {
    case '=':
    case 'in':
      return candidate === text;
    case '!=':
    case 'not in':
      return candidate !== text;
    case 'like':
      return candidate.includes(text);
    case 'not like':
      return !candidate.includes(text);
    case 'not ilike':
      return !candidate.toLowerCase().includes(text.toLowerCase());
    case '=ilike':
      return candidate.toLowerCase() === text.toLowerCase();
    default:
      return candidate.toLowerCase().includes(text.toLowerCase());
  }
}
