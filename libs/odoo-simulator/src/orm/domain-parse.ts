/* Domains in Polish (prefix) notation: '&', '|', '!' before their operands, implicit '&' between
 * consecutive terms, leaves [field_path, operator, value]. Validated against the model the way
 * odoo/osv/expression.py does, so a typo fails like on a real server. */
import { pythonError } from '../errors/odoo-errors';
import { pythonRepr, pythonTupleRepr } from '../errors/python-repr';
import { ModelSchema } from './catalog';
import { Env } from './env';

export const DOMAIN_OPERATORS = [
  '=', '!=', '<', '<=', '>', '>=', '=?', 'in', 'not in',
  'like', 'not like', 'ilike', 'not ilike', '=like', '=ilike', 'child_of',
] as const;
export type DomainOperator = (typeof DOMAIN_OPERATORS)[number];

export type DomainNode =
  | { kind: 'and' | 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'constant'; value: boolean }
  | { kind: 'leaf'; path: string[]; operator: DomainOperator; value: unknown };

export function parseDomain(env: Env, schema: ModelSchema, domain: unknown): DomainNode {
  if (domain === null || domain === undefined || domain === false) return { kind: 'constant', value: true };
  if (!Array.isArray(domain)) throw syntaxError(domain);
  const tokens = [...domain];
  const terms: DomainNode[] = [];
  while (tokens.length) terms.push(parseTerm(env, schema, tokens, domain));
  return terms.length === 1 ? terms[0] : { kind: 'and', children: terms };
}

/** Whether a domain constrains `field` at its top level (then active_test adds nothing). */
export function mentionsField(node: DomainNode, field: string): boolean {
  if (node.kind === 'leaf') return node.path[0] === field;
  if (node.kind === 'and' || node.kind === 'or') return node.children.some((child) => mentionsField(child, field));
  return node.kind === 'not' && mentionsField(node.child, field);
}

function parseTerm(env: Env, schema: ModelSchema, tokens: unknown[], domain: unknown[]): DomainNode {
  if (!tokens.length) throw syntaxError(domain);
  const token = tokens.shift();
  if (token === '&' || token === '|') {
    const left = parseTerm(env, schema, tokens, domain);
    const right = parseTerm(env, schema, tokens, domain);
    return { kind: token === '&' ? 'and' : 'or', children: [left, right] };
  }
  if (token === '!') return { kind: 'not', child: parseTerm(env, schema, tokens, domain) };
  return parseLeaf(env, schema, token);
}

function parseLeaf(env: Env, schema: ModelSchema, leaf: unknown): DomainNode {
  if (!Array.isArray(leaf) || leaf.length !== 3) throw invalidLeaf(leaf);
  const [left, rawOperator, value] = leaf as [unknown, unknown, unknown];
  // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if ((left === 1 || left === 0) && rawOperator === '=' && value === 1) return { kind: 'constant', value: left === 1 };
  const operator = (rawOperator === '<>' ? '!=' : typeof rawOperator === 'string' ? rawOperator.toLowerCase() : rawOperator) as DomainOperator;
  if (typeof left !== 'string' || !DOMAIN_OPERATORS.includes(operator)) throw invalidLeaf(leaf);
  const path = left.split('.');
  let model = schema;
  path.forEach((name, index) => {
    const field = model.field(name);
    if (!field) {
      throw pythonError('ValueError', `Invalid field ${model.name}.${name} in leaf ${pythonTupleRepr(leaf)}`);
    }
    if (index < path.length - 1) {
      if (!field.relation) throw pythonError('ValueError', `Invalid field ${model.name}.${name} in leaf ${pythonTupleRepr(leaf)}`);
      model = env.model(field.relation);
    }
  });
  return { kind: 'leaf', path, operator, value };
}

function invalidLeaf(leaf: unknown) {
  return pythonError('ValueError', `Invalid leaf ${Array.isArray(leaf) ? pythonTupleRepr(leaf) : pythonRepr(leaf)}`);
}

function syntaxError(domain: unknown) {
  return pythonError('ValueError', `Domain ${pythonRepr(domain)} is syntactically not correct.`);
}
