import { Injectable } from '@nestjs/common';
import { decimalString, many2oneId, many2oneName, text, type OdooRow } from '../domain/change-capture/odoo-values';
import type { SaleOrderState } from '../domain/reconciliation/order-state-drift';
import type { OdooStockLine } from '../domain/reconciliation/stock-drift';
import { OdooClient } from '../odoo';

const PAGE = 1000;

/** What reconciliation reads from Odoo, on the bulk lane (writes overtake it), with as few fields as it needs. */
@Injectable()
export class OdooReconciliationReader {
  private readonly odoo: OdooClient;

  constructor(odoo: OdooClient) {
    this.odoo = odoo.lane('bulk');
  }

  /** On hand per product and internal location (quants read in id-keyset pages). */
  async stock(): Promise<OdooStockLine[]> {
    const quants: OdooRow[] = [];
    for (let afterId = 0; ; ) {
      const page = await this.odoo.searchRead<OdooRow>('stock.quant', {
        domain: [['location_id.usage', '=', 'internal'], ['id', '>', afterId]],
        fields: ['product_id', 'location_id', 'quantity'],
        order: 'id asc',
        limit: PAGE,
      });
      quants.push(...page);
      if (page.length < PAGE) break;
      afterId = page[page.length - 1].id;
    }
    const skus = await this.skus([...new Set(quants.map((quant) => many2oneId(quant.product_id)).filter((id) => id !== null))]);
    return quants.flatMap((quant) => {
      const sku = skus.get(many2oneId(quant.product_id) ?? -1);
      const location = many2oneName(quant.location_id);
      return sku && location ? [{ sku, odooLocation: location, quantity: decimalString(quant.quantity) }] : [];
    });
  }

  /** Sales orders whose client_order_ref is one of `orderIds` (the backbone order id the adapter writes there). */
  async saleOrders(orderIds: readonly string[]): Promise<SaleOrderState[]> {
    const found: SaleOrderState[] = [];
    for (let start = 0; start < orderIds.length; start += PAGE) {
      const rows = await this.odoo.searchRead<OdooRow>('sale.order', { domain: [['client_order_ref', 'in', orderIds.slice(start, start + PAGE)]], fields: ['name', 'client_order_ref', 'state'] });
      found.push(...rows.map((row) => ({ id: row.id, name: String(row.name), clientOrderRef: String(row.client_order_ref), state: String(row.state) })));
    }
    return found;
  }

  private async skus(productIds: number[]): Promise<Map<number, string>> {
    const skus = new Map<number, string>();
    for (let start = 0; start < productIds.length; start += PAGE) {
      const rows = await this.odoo.read<OdooRow>('product.product', productIds.slice(start, start + PAGE), ['default_code'], { active_test: false });
      for (const row of rows) {
        const sku = text(row.default_code);
        if (sku) skus.set(row.id, sku);
      }
    }
    return skus;
  }
}
