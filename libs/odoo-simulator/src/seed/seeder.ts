/* Quick set-up of the records a test or the demo needs, in the running server's own version:
 * `product({ storable: true })` sets `type: 'product'` up to 17 and `is_storable` from 18. */
import { applyInventory } from '../business/inventory-adjustment';
import { Env } from '../orm/env';
import { Vals } from '../orm/model-definition';
import { SuperuserTransaction } from './superuser-transaction';

export interface ProductSeed extends Vals {
  name: string;
  default_code?: string;
  barcode?: string;
  list_price?: number;
  standard_price?: number;
  /** Tracked in stock (quants, reservations). Default true. */
  storable?: boolean;
}

export interface WarehouseSeed {
  id: number;
  stockLocationId: number;
  receiptTypeId: number;
  deliveryTypeId: number;
}

export class Seeder {
  constructor(private readonly transact: SuperuserTransaction) {}

  /** Any model, any vals (the ORM's own defaults and constraints apply). */
  create(model: string, vals: Vals): number {
    return this.transact((env) => env.createOne(model, vals));
  }

  partner(vals: Vals & { name: string }): number {
    return this.create('res.partner', { customer_rank: 1, ...vals });
  }

  product({ storable = true, ...vals }: ProductSeed): number {
    return this.transact((env) => {
      const kind = env.version <= 17 ? { type: storable ? 'product' : 'consu' } : { type: 'consu', is_storable: storable };
      return env.createOne('product.product', { ...kind, ...vals });
    });
  }

  /** A new warehouse: Odoo creates its locations and receipt/delivery types with it. */
  warehouse(name: string, code: string): WarehouseSeed {
    const id = this.create('stock.warehouse', { name, code });
    return this.transact((env) => describeWarehouse(env, id));
  }

  /** A warehouse that exists already (default: WH, the one every database has). */
  existingWarehouse(code = 'WH'): WarehouseSeed {
    return this.transact((env) => {
      const [id] = env.search('stock.warehouse', [['code', '=', code]]);
      if (!id) throw new Error(`no warehouse with code ${code}`);
      return describeWarehouse(env, id);
    });
  }

  /** Sets the on-hand quantity of a storable product through an inventory adjustment. */
  stock(productId: number, quantity: number, locationId = this.existingWarehouse().stockLocationId): void {
    this.transact(
      (env) => {
        const [quant] = env.create('stock.quant', [{ product_id: productId, location_id: locationId, inventory_quantity: quantity }]);
        applyInventory(env, [quant]);
      },
      { inventory_mode: true },
    );
  }

  /** An external id (module.name) for a record, as clients upsert them. */
  externalId(xmlid: string, model: string, resId: number): number {
    const [module, name] = xmlid.split('.');
    return this.create('ir.model.data', { module, name, model, res_id: resId });
  }
}

function describeWarehouse(env: Env, id: number): WarehouseSeed {
  return {
    id,
    stockLocationId: env.ref('stock.warehouse', id, 'lot_stock_id') as number,
    receiptTypeId: env.ref('stock.warehouse', id, 'in_type_id') as number,
    deliveryTypeId: env.ref('stock.warehouse', id, 'out_type_id') as number,
  };
}
