/** Module of every external id (ir.model.data) the backbone keeps on Odoo records. */
export const EXTERNAL_ID_MODULE = 'backbone';

/**
 * `backbone.<kind>_<id>` name part: Odoo refuses spaces, and dots would split module from name,
 * so anything but letters, digits, `_` and `-` becomes `_`.
 */
export function externalIdName(kind: string, id: string): string {
  return `${kind}_${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function externalId(kind: string, id: string): string {
  return `${EXTERNAL_ID_MODULE}.${externalIdName(kind, id)}`;
}
