/* Client values to stored values, with the conversions (and refusals) of Odoo's
 * Field.convert_to_cache: Python would call int()/float()/str()/bool() on what it receives. */
import { pythonError } from '../errors/odoo-errors';
import { pythonRepr, pythonTypeName } from '../errors/python-repr';
import { parseDate, parseDatetime } from './datetime-format';
import { FieldDefinition } from './model-definition';

export function toStoredValue(model: string, field: FieldDefinition, value: unknown): unknown {
  switch (field.type) {
    case 'char':
    case 'text':
      return toText(model, field, value);
    case 'integer':
    case 'many2one_reference':
      return Math.trunc(toNumber(value, 'int'));
    case 'float':
    case 'monetary':
      return toNumber(value, 'float');
    case 'boolean':
      return pythonTruthy(value);
    case 'date':
      return isEmpty(value) ? false : parseDate(requireString(model, field, value));
    case 'datetime':
      return isEmpty(value) ? false : parseDatetime(requireString(model, field, value));
    case 'selection':
      return toSelection(model, field, value);
    case 'many2one':
      return toRecordId(model, field, value);
    default:
      throw new Error(`${field.type} values are written through x2many commands`);
  }
}

export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

function isEmpty(value: unknown): boolean {
  return value === false || value === null || value === undefined;
}

function wrongValue(model: string, field: FieldDefinition, value: unknown) {
  return pythonError('ValueError', `Wrong value for ${model}.${field.name}: ${pythonRepr(value)}`);
}

function toText(model: string, field: FieldDefinition, value: unknown): string | false {
  if (isEmpty(value)) return false;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value === true) return 'True';
  throw wrongValue(model, field, value);
}

function requireString(model: string, field: FieldDefinition, value: unknown): string {
  if (typeof value !== 'string') throw wrongValue(model, field, value);
  return value;
}

function toNumber(value: unknown, pythonType: 'int' | 'float'): number {
  if (isEmpty(value)) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const parsed = Number(value.trim());
    if (value.trim() !== '' && Number.isFinite(parsed) && (pythonType === 'float' || Number.isInteger(parsed))) return parsed;
    throw pythonError(
      'ValueError',
      pythonType === 'int'
        ? `invalid literal for int() with base 10: ${pythonRepr(value)}`
        : `could not convert string to float: ${pythonRepr(value)}`,
    );
  }
  throw pythonError(
    'TypeError',
    `${pythonType}() argument must be a string, a bytes-like object or a real number, not '${pythonTypeName(value)}'`,
  );
}

function toSelection(model: string, field: FieldDefinition, value: unknown): string | false {
  if (isEmpty(value)) return false;
  if (typeof value === 'string' && field.selection?.some(([key]) => key === value)) return value;
  throw wrongValue(model, field, value);
}

function toRecordId(model: string, field: FieldDefinition, value: unknown): number | false {
  if (isEmpty(value) || value === 0) return false;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw wrongValue(model, field, value);
}
