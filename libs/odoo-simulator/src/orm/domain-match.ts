/* Evaluates a parsed domain on one record with SQL's semantics where clients notice them: NULL
 * never compares, negative operators include NULL (Odoo adds "OR col IS NULL"), x2many leaves
 * match when any line matches, and string values on relational fields match display names. */
import { DomainNode, DomainOperator } from './domain-parse';
import { Env } from './env';
import { parseDatetime } from './datetime-format';
import { FieldDefinition } from './model-definition';

const NEGATIVE: Partial<Record<DomainOperator, DomainOperator>> = {
  '!=': '=',
  'not in': 'in',
  'not like': 'like',
  'not ilike': 'ilike',
};

export function matchesDomain(env: Env, model: string, id: number, node: DomainNode): boolean {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'and':
      return node.children.every((child) => matchesDomain(env, model, id, child));
    case 'or':
      return node.children.some((child) => matchesDomain(env, model, id, child));
    case 'not':
      return !matchesDomain(env, model, id, node.child);
    case 'leaf':
      return matchesLeaf(env, model, id, node, 0);
  }
}

type Leaf = Extract<DomainNode, { kind: 'leaf' }>;

/** Evaluates path[depth] of the leaf on this record (deeper steps on its related records). */
function matchesLeaf(env: Env, model: string, id: number, leaf: Leaf, depth: number): boolean {
  const name = leaf.path[depth];
  const field = env.model(model).field(name)!;
  const value = env.get(model, id, name);
  if (depth < leaf.path.length - 1) return relatedIds(value).some((target) => matchesLeaf(env, field.relation!, target, leaf, depth + 1));
  if (leaf.operator === 'child_of') return childOf(env, model, id, field, value, leaf);
  const positive = NEGATIVE[leaf.operator];
  if (positive) return !compare(env, field, value, positive, leaf.value);
  return compare(env, field, value, leaf.operator, leaf.value);
}

function compare(env: Env, field: FieldDefinition, value: unknown, operator: DomainOperator, operand: unknown): boolean {
  if (operator === '=?') return operand === false || operand === null || compare(env, field, value, '=', operand);
  if (field.relation) return compareRelational(env, field, value, operator, operand);
  if (operator === 'in') return asList(operand).some((item) => equals(field, value, item));
  if (operator === '=') return equals(field, value, operand);
  if (isNull(field, value)) return false;
  if (operator === 'like' || operator === 'ilike' || operator === '=like' || operator === '=ilike') {
    return likePattern(operator, operand).test(String(value));
  }
  const left = comparable(field, value);
  const right = comparable(field, operand);
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  return left >= right;
}

function compareRelational(env: Env, field: FieldDefinition, value: unknown, operator: DomainOperator, operand: unknown): boolean {
  const targets = relatedIds(value);
  const operands = operator === 'in' || operator === '=' ? asList(operand) : [operand];
  return operands.some((item) => {
    if (item === false || item === null) return targets.length === 0;
    if (typeof item === 'string') {
      const pattern = likePattern(operator === '=' || operator === 'in' ? '=like' : operator, item);
      return targets.some((target) => pattern.test(env.displayName(field.relation!, target)));
    }
    if (operator === '=' || operator === 'in') return targets.includes(item as number);
    return targets.some((target) => compareNumbers(target, operator, Number(item)));
  });
}

// The roots of a child_of leaf, resolved once per search (names need a lookup).
const childOfRoots = new WeakMap<Leaf, Set<number>>();

/** child_of: the record (or its many2one target) is one of the operand ids or below one. */
function childOf(env: Env, model: string, id: number, field: FieldDefinition, value: unknown, leaf: Leaf): boolean {
  const hierarchy = field.relation ?? model;
  const candidates = field.relation ? relatedIds(value) : [id];
  const parentField = env.model(hierarchy).definition.parentField;
  const roots = rootsOf(env, hierarchy, leaf);
  return candidates.some((candidate) => {
    for (let node: number | false = candidate; node; node = parentField ? env.ref(hierarchy, node, parentField) : false) {
      if (roots.has(node)) return true;
    }
    return false;
  });
}

function rootsOf(env: Env, hierarchy: string, leaf: Leaf): Set<number> {
  let roots = childOfRoots.get(leaf);
  if (!roots) {
    const ids = asList(leaf.value).flatMap((item) => (typeof item === 'string' ? env.search(hierarchy, [['name', '=', item]]) : [item as number]));
    childOfRoots.set(leaf, (roots = new Set(ids)));
  }
  return roots;
}

function relatedIds(value: unknown): number[] {
  if (Array.isArray(value)) return value as number[];
  return value ? [value as number] : [];
}

function asList(operand: unknown): unknown[] {
  return Array.isArray(operand) ? operand : [operand];
}

function isNull(field: FieldDefinition, value: unknown): boolean {
  return field.type !== 'boolean' && (value === false || value === null || value === undefined);
}

function equals(field: FieldDefinition, value: unknown, operand: unknown): boolean {
  if (field.type === 'boolean') return Boolean(value) === Boolean(operand);
  if (operand === false || operand === null) return isNull(field, value);
  if (isNull(field, value)) return false;
  return comparable(field, value) === comparable(field, operand);
}

function comparable(field: FieldDefinition, value: unknown): number | string {
  if (field.type === 'datetime') return typeof value === 'string' ? parseDatetime(value) : Number(value);
  if (field.type === 'date') return String(value).slice(0, 10);
  if (field.type === 'integer' || field.type === 'float' || field.type === 'monetary') return Number(value);
  return String(value);
}

function compareNumbers(left: number, operator: DomainOperator, right: number): boolean {
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  if (operator === '>=') return left >= right;
  return false;
}

// like/ilike look for the value anywhere (Odoo wraps it in %...%); =like/=ilike take it as the
// whole SQL pattern. In both, % and _ keep their wildcard meaning.
function likePattern(operator: DomainOperator, operand: unknown): RegExp {
  const text = String(operand ?? '');
  const sql = operator === 'like' || operator === 'ilike' ? `%${text}%` : text;
  const source = sql.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${source}$`, operator === 'ilike' || operator === '=ilike' ? 'is' : 's');
}
