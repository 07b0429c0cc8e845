/* Terse constructors so model files read like Odoo's own field declarations. */
import { FieldDefinition, FieldType } from './model-definition';

type FieldOptions = Omit<FieldDefinition, 'name' | 'type' | 'string' | 'relation' | 'selection' | 'inverseName'>;

const scalar =
  (type: FieldType) =>
  (name: string, string: string, options: FieldOptions = {}): FieldDefinition => ({ name, type, string, ...options });

export const char = scalar('char');
export const text = scalar('text');
export const integer = scalar('integer');
export const float = scalar('float');
export const monetary = scalar('monetary');
export const boolean = scalar('boolean');
export const date = scalar('date');
export const datetime = scalar('datetime');
export const many2oneReference = scalar('many2one_reference');

export function selection(
  name: string,
  string: string,
  values: ReadonlyArray<readonly [string, string]>,
  options: FieldOptions = {},
): FieldDefinition {
  return { name, type: 'selection', string, selection: values, ...options };
}

export function many2one(name: string, string: string, relation: string, options: FieldOptions = {}): FieldDefinition {
  return { name, type: 'many2one', string, relation, ...options };
}

export function one2many(
  name: string,
  string: string,
  relation: string,
  inverseName: string,
  options: FieldOptions = {},
): FieldDefinition {
  return { name, type: 'one2many', string, relation, inverseName, ...options };
}

export function many2many(name: string, string: string, relation: string, options: FieldOptions = {}): FieldDefinition {
  return { name, type: 'many2many', string, relation, ...options };
}
