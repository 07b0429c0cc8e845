/* Python's repr() of JSON values, because Odoo's messages embed `%r` of what the client sent
 * ("Invalid field 'x' on model 'y'", "Wrong value for sale.order.state: 'oops'"). */

export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloat(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonString(k)}: ${pythonRepr(v)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** A domain leaf is a tuple once Odoo has normalized it: ('name', '=', 1). */
export function pythonTupleRepr(items: readonly unknown[]): string {
  return items.length === 1 ? `(${pythonRepr(items[0])},)` : `(${items.map(pythonRepr).join(', ')})`;
}

/** The Python type name of a JSON value, for TypeError/AttributeError messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** How a recordset prints: res.partner(7,) or res.partner(7, 8). */
export function recordsetRepr(model: string, ids: readonly number[]): string {
  return `${model}${pythonTupleRepr(ids)}`;
}

function pythonFloat(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
}

function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}
