/* Every model the simulator knows; versions filter their fields and methods at start-up. */
import { ModelDefinition } from '../orm/model-definition';
import { accountMove, accountMoveLine, accountMoveReversal, accountTax } from './account.models';
import { irModelData, resCountry, resPartner, resUsers, uomUom } from './base.models';
import { productPricelist, productPricelistItem, productProduct, productTemplate } from './product.models';
import { saleOrder, saleOrderCancel, saleOrderLine } from './sale.models';
import { stockLocation, stockPickingType, stockWarehouse } from './stock-locations.models';
import { stockMove, stockPicking } from './stock-picking.models';
import { stockQuant } from './stock-quant.models';
import { stockBackorderConfirmation, stockReturnPicking, stockReturnPickingLine } from './stock-wizards.models';

export const MODEL_DEFINITIONS: readonly ModelDefinition[] = [
  resUsers,
  resCountry,
  resPartner,
  uomUom,
  irModelData,
  productTemplate,
  productProduct,
  productPricelist,
  productPricelistItem,
  stockLocation,
  stockWarehouse,
  stockPickingType,
  stockPicking,
  stockMove,
  stockQuant,
  stockBackorderConfirmation,
  stockReturnPicking,
  stockReturnPickingLine,
  saleOrder,
  saleOrderLine,
  saleOrderCancel,
  accountTax,
  accountMove,
  accountMoveLine,
  accountMoveReversal,
];
