/* The stock wizards the adapter drives over RPC: backorder confirmation and returns. */
import { processBackorder, processCancelBackorder } from '../business/backorder-wizard';
import { createReturns, defaultReturnLines } from '../business/return-wizard';
import { boolean, float, many2many, many2one, one2many } from '../orm/field-builders';
import { MethodDefinition, ModelDefinition } from '../orm/model-definition';

export const stockBackorderConfirmation: ModelDefinition = {
  name: 'stock.backorder.confirmation',
  description: 'Backorder Confirmation',
  fields: [many2many('pick_ids', 'Pick', 'stock.picking'), boolean('show_transfers', 'Show Transfers', { default: false })],
  methods: [
    { name: 'process', owner: 'StockBackorderConfirmation', api: 'records', params: [], run: ({ env }) => processBackorder(env) },
    {
      name: 'process_cancel_backorder',
      owner: 'StockBackorderConfirmation',
      api: 'records',
      params: [],
      run: ({ env, ids }) => processCancelBackorder(env, ids),
    },
  ],
};

// The button is create_returns up to 17 and action_create_returns from 18.
const returnButton = (name: string, versions: MethodDefinition['versions']): MethodDefinition => ({
  name,
  owner: 'ReturnPicking',
  api: 'records',
  params: [],
  versions,
  run: ({ env, ids }) => ids.map((id) => createReturns(env, id)).at(-1),
});

export const stockReturnPicking: ModelDefinition = {
  name: 'stock.return.picking',
  description: 'Return Picking',
  fields: [
    many2one('picking_id', 'Picking', 'stock.picking', {
      default: (env) => (env.context.active_model === 'stock.picking' ? (env.context.active_id ?? false) : false),
    }),
    one2many('product_return_moves', 'Moves', 'stock.return.picking.line', 'wizard_id'),
    many2one('location_id', 'Return Location', 'stock.location'),
  ],
  methods: [returnButton('create_returns', { to: 17 }), returnButton('action_create_returns', { from: 18 })],
  overrides: {
    create: (env, valsList, next) => {
      const ids = next(valsList);
      ids.forEach((id) => defaultReturnLines(env, id));
      return ids;
    },
  },
};

export const stockReturnPickingLine: ModelDefinition = {
  name: 'stock.return.picking.line',
  description: 'Return Picking Line',
  fields: [
    many2one('product_id', 'Product', 'product.product', { required: true }),
    float('quantity', 'Quantity', { required: true, default: 0 }),
    many2one('move_id', 'Move', 'stock.move'),
    many2one('wizard_id', 'Wizard', 'stock.return.picking', { ondelete: 'cascade' }),
  ],
};
