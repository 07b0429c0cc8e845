/* Odoo's wire formats for dates and datetimes (odoo/tools/json.py, fields.Datetime.to_string):
 * naive UTC strings with second precision. Stored datetimes keep milliseconds, like PostgreSQL
 * keeps microseconds, so a domain on write_date compares at full precision. */
import { pythonError } from '../errors/odoo-errors';

const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function formatDatetime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

export function formatDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** fields.Datetime.to_datetime: "YYYY-MM-DD HH:MM:SS" (fractions ignored) or a bare date at midnight. */
export function parseDatetime(text: string): number {
  const candidate = text.length === 10 ? `${text} 00:00:00` : text.slice(0, 19);
  const match = DATETIME_PATTERN.exec(candidate);
  const ms = match ? Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +match[6]) : Number.NaN;
  if (!match || Number.isNaN(ms) || formatDatetime(ms) !== candidate) {
    throw pythonError('ValueError', `time data ${quote(text)} does not match format '%Y-%m-%d %H:%M:%S'`);
  }
  return ms;
}

/** fields.Date.to_date: the first ten characters must be a valid "YYYY-MM-DD". */
export function parseDate(text: string): string {
  const candidate = text.slice(0, 10);
  if (!DATE_PATTERN.test(candidate) || formatDate(Date.parse(`${candidate}T00:00:00Z`) || 0) !== candidate) {
    throw pythonError('ValueError', `time data ${quote(text)} does not match format '%Y-%m-%d'`);
  }
  return candidate;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "\\'")}'`;
}
