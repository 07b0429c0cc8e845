/* Fields every Odoo model has (BaseModel's MAGIC_COLUMNS and LOG_ACCESS_COLUMNS). */
import { FieldDefinition } from './model-definition';
import { char, datetime, integer, many2one } from './field-builders';

/** Clients cannot set these: Odoo silently drops them from create/write vals. */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set(['id', 'create_uid', 'create_date', 'write_uid', 'write_date']);

export function magicFields(displayName: FieldDefinition['compute']): FieldDefinition[] {
  return [
    integer('id', 'ID', { readonly: true }),
    char('display_name', 'Display Name', { readonly: true, compute: displayName }),
    many2one('create_uid', 'Created by', 'res.users', { readonly: true }),
    datetime('create_date', 'Created on', { readonly: true }),
    many2one('write_uid', 'Last Updated by', 'res.users', { readonly: true }),
    datetime('write_date', 'Last Updated on', { readonly: true }),
    // Odoo 16 still exposed the concurrency-check field; 17 removed it.
    datetime('__last_update', 'Last Modified on', {
      readonly: true,
      versions: { to: 16 },
      compute: (env, id, model) => env.stored(model, id, 'write_date'),
    }),
  ];
}
