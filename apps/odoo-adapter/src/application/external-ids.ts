import { EXTERNAL_ID_MODULE } from '../domain/erp-writes/external-id';
import type { OdooClient } from '../odoo/odoo-client';

/** res_id by external id name (module `backbone`), for the names that exist; one call. */
export async function findExternalIds(odoo: OdooClient, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const rows = await odoo.searchRead<{ name: string; res_id: number }>('ir.model.data', {
    domain: [
      ['module', '=', EXTERNAL_ID_MODULE],
      ['name', 'in', names],
    ],
    fields: ['name', 'res_id'],
  });
  return new Map(rows.map((row) => [row.name, row.res_id]));
}

/**
 * Keeps `backbone.<name>` on each record. Internal users may create ir.model.data but not change
 * it, so existing names are looked up first (skipped when the records were just created here).
 */
export async function ensureExternalIds(
  odoo: OdooClient,
  model: string,
  entries: Array<{ name: string; resId: number }>,
  mayExist: boolean,
): Promise<void> {
  const existing = mayExist ? await findExternalIds(odoo, entries.map((entry) => entry.name)) : new Map<string, number>();
  const missing = entries.filter((entry) => !existing.has(entry.name));
  await odoo.create(
    'ir.model.data',
    missing.map((entry) => ({ module: EXTERNAL_ID_MODULE, name: entry.name, model, res_id: entry.resId, noupdate: true })),
  );
}
