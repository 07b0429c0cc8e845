/* ir.sequence with the 'standard' implementation: a PostgreSQL sequence, so numbers drawn by a
 * call that rolls back are lost (Odoo's sale order and picking names have gaps too). */
import { Env } from '../orm/env';

export function nextReference(env: Env, sequence: string, prefix: string, padding = 5): string {
  return `${prefix}${String(env.tx.nextValue(`sequence:${sequence}`)).padStart(padding, '0')}`;
}
