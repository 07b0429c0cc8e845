import type { OutgoingEvent } from '@backbone/events';
import type { OdooDomain } from '../domain/change-capture/odoo-values';
import {
  INVOICE_FIELDS, invoiceChanged, latest, PARTNER_FIELDS, partnerChanged, PRODUCT_FIELDS, productChanged, QUANT_FIELDS, stockLevelChanged, type QuantProduct,
} from '../domain/change-capture/master-data-events';
import { many2oneId, many2oneName, parseOdooDatetime, text, type OdooRow } from '../domain/change-capture/odoo-values';
import {
  PRICED_PRODUCT_FIELDS, PRICELIST_FIELDS, PRICELIST_ITEM_FIELDS, pricelistChanged, referencedProducts, type PricedProduct,
} from '../domain/change-capture/pricelist-resolution';
import type { OdooClient } from '../odoo';
import type { CapturedModel, ChangeCaptureConfig } from './change-capture.settings';

/** Archived records are read too, so archiving (active=false) is captured like any change. */
export const WITH_ARCHIVED = { active_test: false } as const;

/** One polled model: what is read per page and the events a page of changed rows yields. */
export interface CaptureStream {
  model: CapturedModel;
  filter: OdooDomain;
  fields(config: ChangeCaptureConfig): string[];
  /** Reads whatever else the events need through `odoo` (already on the bulk lane). */
  events(rows: readonly OdooRow[], odoo: OdooClient, config: ChangeCaptureConfig): Promise<OutgoingEvent[]>;
}

const event = (type: string, key: string | number, payload: object): OutgoingEvent => ({ type: `backbone.erp.${type}`, key: String(key), payload });

function partnerFields(config: ChangeCaptureConfig): string[] {
  return config.PARTNER_CREDIT_HOLD_FIELD ? [...PARTNER_FIELDS, config.PARTNER_CREDIT_HOLD_FIELD] : [...PARTNER_FIELDS];
}

/** PartnerChanged for rows of res.partner; `triggeredAt` stamps partners republished because of a later change elsewhere. */
async function partnerEvents(rows: readonly OdooRow[], odoo: OdooClient, config: ChangeCaptureConfig, triggeredAt = new Map<number, Date>()): Promise<OutgoingEvent[]> {
  const countryIds = [...new Set(rows.map((row) => many2oneId(row.country_id)).filter((id) => id !== null))];
  const countries = countryIds.length ? await odoo.read<OdooRow>('res.country', countryIds, ['code'], WITH_ARCHIVED) : [];
  const context = {
    currency: config.ODOO_CURRENCY,
    countryCodes: new Map(countries.flatMap((country) => (text(country.code) ? [[country.id, String(country.code).toUpperCase()] as const] : []))),
    holdFlagField: config.PARTNER_CREDIT_HOLD_FIELD ?? null,
  };
  return rows.map((row) => {
    const own = parseOdooDatetime(row.write_date);
    const trigger = triggeredAt.get(row.id);
    return event('PartnerChanged', row.id, partnerChanged(row, context, trigger ? latest(own, trigger) : own));
  });
}

async function pricelistEvents(pricelists: readonly OdooRow[], odoo: OdooClient, config: ChangeCaptureConfig): Promise<OutgoingEvent[]> {
  if (pricelists.length === 0) return [];
  const items = await odoo.searchRead<OdooRow>('product.pricelist.item', {
    domain: [['pricelist_id', 'in', pricelists.map((pricelist) => pricelist.id)]],
    fields: [...PRICELIST_ITEM_FIELDS],
    order: 'id asc',
  });
  const { productIds, templateIds } = referencedProducts(items);
  const productRows = productIds.length || templateIds.length
    ? await odoo.searchRead<OdooRow>('product.product', { domain: ['|', ['id', 'in', productIds], ['product_tmpl_id', 'in', templateIds]], fields: [...PRICED_PRODUCT_FIELDS] })
    : [];
  const products = new Map<number, PricedProduct>();
  for (const row of productRows) {
    const sku = text(row.default_code);
    if (sku) products.set(row.id, { productId: row.id, templateId: many2oneId(row.product_tmpl_id), sku, uom: many2oneName(row.uom_id) ?? 'Units', listPrice: String(row.list_price ?? 0), standardPrice: String(row.standard_price ?? 0) });
  }
  const itemsOf = Map.groupBy(items, (item) => many2oneId(item.pricelist_id));
  return pricelists.map((pricelist) => event('PricelistChanged', pricelist.id, pricelistChanged(pricelist, itemsOf.get(pricelist.id) ?? [], products, config.ODOO_CURRENCY)));
}

const products: CaptureStream = {
  model: 'product.product',
  filter: [],
  fields: () => [...PRODUCT_FIELDS],
  events: async (rows, _odoo, config) => rows.flatMap((row) => {
    const payload = productChanged(row, config.ODOO_CURRENCY);
    return payload ? [event('ProductChanged', payload.productId, payload)] : [];
  }),
};

/**
 * In Odoo the sales price and most product fields live on the template: writing them stamps the
 * template's write_date, not the variants'. A changed template republishes those variants it is
 * newer than (a variant as new or newer was published by the product.product stream already).
 */
const templates: CaptureStream = {
  model: 'product.template',
  filter: [],
  fields: () => ['write_date'],
  events: async (rows, odoo, config) => {
    const changedAt = new Map(rows.map((row) => [row.id, parseOdooDatetime(row.write_date)]));
    const variants = await odoo.searchRead<OdooRow>('product.product', { domain: [['product_tmpl_id', 'in', [...changedAt.keys()]]], fields: [...PRODUCT_FIELDS, 'product_tmpl_id'], context: WITH_ARCHIVED });
    return variants.flatMap((variant) => {
      const templateChangedAt = changedAt.get(many2oneId(variant.product_tmpl_id) ?? -1);
      if (!templateChangedAt || templateChangedAt <= parseOdooDatetime(variant.write_date)) return [];
      const payload = productChanged(variant, config.ODOO_CURRENCY, templateChangedAt);
      return payload ? [event('ProductChanged', payload.productId, payload)] : [];
    });
  },
};

const partners: CaptureStream = {
  model: 'res.partner',
  filter: [],
  fields: partnerFields,
  events: (rows, odoo, config) => partnerEvents(rows, odoo, config),
};

const pricelists: CaptureStream = {
  model: 'product.pricelist',
  filter: [],
  fields: () => [...PRICELIST_FIELDS],
  events: pricelistEvents,
};

/** A changed rule republishes its whole pricelist (the event carries all items). */
const pricelistItems: CaptureStream = {
  model: 'product.pricelist.item',
  filter: [],
  fields: () => ['pricelist_id', 'write_date'],
  events: async (rows, odoo, config) => {
    const ids = [...new Set(rows.map((row) => many2oneId(row.pricelist_id)).filter((id) => id !== null))];
    return pricelistEvents(ids.length ? await odoo.read<OdooRow>('product.pricelist', ids, [...PRICELIST_FIELDS], WITH_ARCHIVED) : [], odoo, config);
  },
};

/**
 * Customer invoices and credit notes. Posting or paying one changes its partner's receivable
 * (`credit`) without touching the partner's write_date, so their partners are republished too
 * (the credit-hold rule depends on it).
 */
const invoices: CaptureStream = {
  model: 'account.move',
  filter: [['move_type', 'in', ['out_invoice', 'out_refund']]],
  fields: () => [...INVOICE_FIELDS],
  events: async (rows, odoo, config) => {
    const triggeredAt = new Map<number, Date>();
    for (const row of rows) {
      const partnerId = many2oneId(row.partner_id);
      if (partnerId !== null) triggeredAt.set(partnerId, latest(triggeredAt.get(partnerId) ?? new Date(0), parseOdooDatetime(row.write_date)));
    }
    const partnerRows = triggeredAt.size ? await odoo.read<OdooRow>('res.partner', [...triggeredAt.keys()], partnerFields(config), WITH_ARCHIVED) : [];
    return [...rows.map((row) => event('InvoiceChanged', row.id, invoiceChanged(row, config.ODOO_CURRENCY))), ...(await partnerEvents(partnerRows, odoo, config, triggeredAt))];
  },
};

/** Stock per product at internal locations (where Odoo keeps on-hand stock). */
const quants: CaptureStream = {
  model: 'stock.quant',
  filter: [['location_id.usage', '=', 'internal']],
  fields: () => [...QUANT_FIELDS],
  events: async (rows, odoo) => {
    const productIds = [...new Set(rows.map((row) => many2oneId(row.product_id)).filter((id) => id !== null))];
    const productRows = productIds.length ? await odoo.read<OdooRow>('product.product', productIds, ['default_code', 'uom_id'], WITH_ARCHIVED) : [];
    const known = new Map<number, QuantProduct>();
    for (const row of productRows) {
      const sku = text(row.default_code);
      if (sku) known.set(row.id, { sku, uom: many2oneName(row.uom_id) ?? 'Units' });
    }
    return rows.flatMap((row) => {
      const payload = stockLevelChanged(row, known.get(many2oneId(row.product_id) ?? -1));
      return payload ? [event('StockLevelChanged', `${payload.sku}@${payload.locationId}`, payload)] : [];
    });
  },
};

export const CAPTURE_STREAMS: readonly CaptureStream[] = [products, templates, partners, pricelists, pricelistItems, invoices, quants];
