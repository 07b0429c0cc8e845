import { onHandAt } from '../spec-support/flows';
import { json2, json2Result, legacy, legacyResult, useSimulator } from '../spec-support/rpc-clients';

describe('stock.quant counts (inventory_mode + action_apply_inventory)', () => {
  const sim = useSimulator({ version: 19 });

  it('sets the counted quantity on the existing quant and applies the difference', async () => {
    const product = sim().seed.product({ name: 'Drill' });
    sim().seed.stock(product, 10);
    const location = sim().seed.existingWarehouse().stockLocationId;
    const [existing] = sim().orm.search('stock.quant', [['product_id', '=', product]]);
    const call = legacy(sim());
    const quant = await legacyResult(call('stock.quant', 'create', [{ product_id: product, location_id: location, inventory_quantity: 7 }], { context: { inventory_mode: true } }));
    expect(quant).toBe(existing);
    expect(sim().orm.read('stock.quant', [existing], ['quantity', 'inventory_quantity', 'inventory_quantity_set', 'inventory_diff_quantity'])[0]).toMatchObject({
      quantity: 10,
      inventory_quantity: 7,
      inventory_quantity_set: true,
      inventory_diff_quantity: -3,
    });
    const applied = await call('stock.quant', 'action_apply_inventory', [[existing]]);
    expect(applied).not.toHaveProperty('result');
    expect(onHandAt(sim(), product)).toBe(7);
    const [move] = sim().orm.searchRead('stock.move', [['product_id', '=', product], ['location_dest_id.usage', '=', 'inventory']], ['product_uom_qty', 'state', 'name']);
    expect(move).toMatchObject({ product_uom_qty: 3, state: 'done', name: 'Product Quantity Updated' });
  });

  it('restricts what a count may set and refuses quants of non-storable products', async () => {
    const consumable = sim().seed.product({ name: 'Bag', storable: false });
    const location = sim().seed.existingWarehouse().stockLocationId;
    const call = json2(sim());
    const restricted = await call('stock.quant', 'create', { vals_list: [{ product_id: consumable, location_id: location, inventory_quantity: 1, quantity: 5 }], context: { inventory_mode: true } });
    expect([restricted.status, (restricted.json as { message: string }).message]).toEqual([422, "Quant's creation is restricted, you can't do this operation."]);
    const notStorable = await call('stock.quant', 'create', { vals_list: [{ product_id: consumable, location_id: location, inventory_quantity: 1 }], context: { inventory_mode: true } });
    expect(notStorable.json).toMatchObject({ name: 'odoo.exceptions.ValidationError', message: 'Quants cannot be created for consumables or services.' });
  });

  it('counts a product with no quant yet by creating one', async () => {
    const product = sim().seed.product({ name: 'New' });
    const location = sim().seed.existingWarehouse().stockLocationId;
    const [quant] = (await json2Result(json2(sim())('stock.quant', 'create', { vals_list: [{ product_id: product, location_id: location, inventory_quantity: 4 }], context: { inventory_mode: true } }))) as number[];
    await json2Result(json2(sim())('stock.quant', 'action_apply_inventory', { ids: [quant] }));
    expect(onHandAt(sim(), product)).toBe(4);
    expect(sim().orm.read('product.product', [product], ['qty_available'])[0].qty_available).toBe(4);
  });
});
