import { Decimal } from 'decimal.js';

/** An Odoo search domain: conditions `[field, operator, value]` in Polish notation with '&', '|', '!'. */
export type OdooDomain = Array<'&' | '|' | '!' | [string, string, unknown]>;

/** A row as Odoo's search_read returns it: many2one `[id, name]` or `false`, unset values `false`. */
export type OdooRow = Record<string, unknown> & { id: number };

/** Odoo's wire format for datetimes: UTC, second precision, `YYYY-MM-DD HH:MM:SS`. */
export function parseOdooDatetime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) throw new TypeError(`not an Odoo datetime: ${JSON.stringify(value)}`);
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export function optionalOdooDatetime(value: unknown): Date | null {
  return value === false || value === null || value === undefined ? null : parseOdooDatetime(value);
}

export function formatOdooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function many2oneId(value: unknown): number | null {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : typeof value === 'number' ? value : null;
}

export function many2oneName(value: unknown): string | null {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : null;
}

/** Odoo sends `false` for an empty char field. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * A float from Odoo as a decimal string. Odoo rounds stored amounts and quantities to at most
 * 6 digits (product price / unit of measure precision), so binary noise beyond that is dropped.
 */
export function decimalString(value: unknown): string {
  const number = typeof value === 'number' ? value : 0;
  return new Decimal(number).toDecimalPlaces(6).toString();
}
