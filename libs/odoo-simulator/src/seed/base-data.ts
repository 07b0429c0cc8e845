/* What a fresh database with sale_management, stock and account installed contains and the
 * adapter relies on: OdooBot and the configured users, the company partner, units, countries,
 * partner/virtual locations, warehouse WH with its picking types, a public pricelist, a sales
 * tax, and the external ids of those records. */
import { Env } from '../orm/env';
import { SimulatorUser } from '../rpc/authentication';

const COUNTRIES: [string, string][] = [['United States', 'US'], ['Germany', 'DE'], ['France', 'FR'], ['United Kingdom', 'GB'], ['Netherlands', 'NL'], ['Belgium', 'BE'], ['Canada', 'CA']];

export function seedBaseData(env: Env, users: readonly SimulatorUser[]): void {
  insertWithId(env, 'res.users', 1, { name: 'OdooBot', login: '__system__', active: false });
  for (const user of users) insertWithId(env, 'res.users', user.uid, { name: user.name ?? user.login, login: user.login });
  const company = env.createOne('res.partner', { name: 'My Company', is_company: true });
  COUNTRIES.forEach(([name, code]) => env.createOne('res.country', { name, code }));
  const unit = env.createOne('uom.uom', { name: 'Units' });
  env.createOne('uom.uom', { name: 'Dozens', uom_type: 'bigger', factor: 1 / 12 });
  env.createOne('uom.uom', { name: 'kg' });
  const partners = env.createOne('stock.location', { name: 'Partners', usage: 'view' });
  const customers = env.createOne('stock.location', { name: 'Customers', usage: 'customer', location_id: partners });
  const vendors = env.createOne('stock.location', { name: 'Vendors', usage: 'supplier', location_id: partners });
  const virtual = env.createOne('stock.location', { name: 'Virtual Locations', usage: 'view' });
  const inventory = env.createOne('stock.location', { name: 'Inventory adjustment', usage: 'inventory', location_id: virtual });
  const warehouse = env.createOne('stock.warehouse', { name: 'YourCompany', code: 'WH' });
  const pricelist = env.createOne('product.pricelist', { name: 'Public Pricelist' });
  const tax = env.createOne('account.tax', { name: '15%', amount: 15, type_tax_use: 'sale' });
  const externalIds: [string, string, number][] = [
    ['base.main_partner', 'res.partner', company],
    ['base.user_root', 'res.users', 1],
    ['uom.product_uom_unit', 'uom.uom', unit],
    ['stock.stock_location_customers', 'stock.location', customers],
    ['stock.stock_location_suppliers', 'stock.location', vendors],
    ['stock.stock_location_inventory', 'stock.location', inventory],
    ['stock.warehouse0', 'stock.warehouse', warehouse],
    ['stock.stock_location_stock', 'stock.location', env.ref('stock.warehouse', warehouse, 'lot_stock_id') as number],
    ['stock.picking_type_in', 'stock.picking.type', env.ref('stock.warehouse', warehouse, 'in_type_id') as number],
    ['stock.picking_type_out', 'stock.picking.type', env.ref('stock.warehouse', warehouse, 'out_type_id') as number],
    ['product.list0', 'product.pricelist', pricelist],
    ['account.tax_sale_15', 'account.tax', tax],
  ];
  for (const [xmlid, model, resId] of externalIds) {
    const [module, name] = xmlid.split('.');
    env.createOne('ir.model.data', { module, name, model, res_id: resId, noupdate: true });
  }
}

// Users keep the uids the tests configured, so the row is written with that id.
function insertWithId(env: Env, model: string, id: number, vals: Record<string, unknown>): void {
  const created = env.createOne(model, vals);
  const row = env.row(model, created)!;
  env.tx.remove(model, created);
  env.tx.put(model, { ...row, id });
  env.tx.skipPast(model, id);
}
