import type { Address, InvoiceChanged, PartnerChanged, ProductChanged, StockLevelChanged } from '@backbone/schemas';
import { isOnCreditHold } from './credit-hold';
import { decimalString, many2oneId, many2oneName, parseOdooDatetime, text, type OdooRow } from './odoo-values';

/** Fields read per model: only what the events carry (fewer fields, faster reads). */
export const PRODUCT_FIELDS = ['default_code', 'name', 'barcode', 'uom_id', 'list_price', 'active', 'write_date'] as const;
export const PARTNER_FIELDS = [
  'parent_id', 'name', 'is_company', 'email', 'phone', 'vat', 'street', 'street2', 'city', 'zip', 'country_id',
  'credit_limit', 'use_partner_credit_limit', 'credit', 'active', 'ref', 'property_product_pricelist', 'write_date',
] as const;
export const INVOICE_FIELDS = ['name', 'move_type', 'partner_id', 'invoice_origin', 'ref', 'state', 'payment_state', 'amount_total', 'amount_residual', 'invoice_date', 'write_date'] as const;
export const QUANT_FIELDS = ['product_id', 'location_id', 'quantity', 'reserved_quantity', 'write_date'] as const;

/** The latest of a record's own write_date and the write_dates of the changes that made us republish it. */
export function latest(...dates: readonly Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

/** Null for a product without an internal reference: the backbone knows products only by SKU. */
export function productChanged(row: OdooRow, currency: string, changedAt = parseOdooDatetime(row.write_date)): ProductChanged | null {
  const sku = text(row.default_code);
  if (!sku) return null;
  return {
    productId: row.id,
    sku,
    name: text(row.name) ?? sku,
    barcode: text(row.barcode),
    uom: many2oneName(row.uom_id) ?? 'Units',
    listPrice: { amount: decimalString(row.list_price), currency },
    active: row.active !== false,
    changedAt,
  };
}

export interface PartnerContext {
  currency: string;
  /** ISO codes of the countries the rows refer to, by res.country id. */
  countryCodes: ReadonlyMap<number, string>;
  /** The configured credit-hold flag field, if any. */
  holdFlagField: string | null;
}

export function partnerChanged(row: OdooRow, context: PartnerContext, changedAt = parseOdooDatetime(row.write_date)): PartnerChanged {
  const usesLimit = row.use_partner_credit_limit === true;
  const creditLimit = decimalString(row.credit_limit);
  return {
    partnerId: row.id,
    parentId: many2oneId(row.parent_id),
    name: text(row.name) ?? `Partner ${row.id}`,
    isCompany: row.is_company === true,
    email: text(row.email),
    vat: text(row.vat),
    address: addressOf(row, context.countryCodes),
    creditLimit: usesLimit ? { amount: creditLimit, currency: context.currency } : null,
    onCreditHold: isOnCreditHold({
      usePartnerCreditLimit: usesLimit,
      creditLimit,
      credit: decimalString(row.credit),
      holdFlag: context.holdFlagField !== null && row[context.holdFlagField] === true,
    }),
    active: row.active !== false,
    ref: text(row.ref),
    pricelistId: many2oneId(row.property_product_pricelist),
    changedAt,
  };
}

/** Null when Odoo lacks a part the backbone's Address requires (street, city, country). */
function addressOf(row: OdooRow, countryCodes: ReadonlyMap<number, string>): Address | null {
  const street = text(row.street);
  const city = text(row.city);
  const countryId = many2oneId(row.country_id);
  const countryCode = countryId === null ? undefined : countryCodes.get(countryId);
  if (!street || !city || !countryCode) return null;
  return {
    name: text(row.name) ?? '',
    street,
    street2: text(row.street2),
    city,
    postalCode: text(row.zip),
    region: null,
    countryCode,
    phone: text(row.phone),
    email: text(row.email),
  };
}

const MOVE_TYPES = { out_invoice: 'OUT_INVOICE', out_refund: 'OUT_REFUND' } as const;

export function invoiceChanged(row: OdooRow, currency: string): InvoiceChanged {
  const moveType = MOVE_TYPES[row.move_type as keyof typeof MOVE_TYPES];
  if (!moveType) throw new TypeError(`account.move ${row.id} is not a customer invoice or credit note (${String(row.move_type)})`);
  const name = text(row.name);
  return {
    invoiceId: row.id,
    name: name === '/' ? null : name, // Odoo names drafts "/" until they are posted
    moveType,
    partnerId: many2oneId(row.partner_id) ?? 0,
    origin: text(row.invoice_origin),
    reference: text(row.ref),
    state: String(row.state),
    paymentState: text(row.payment_state) ?? 'not_paid',
    amountTotal: { amount: decimalString(row.amount_total), currency },
    amountResidual: { amount: decimalString(row.amount_residual), currency },
    invoiceDate: text(row.invoice_date),
    changedAt: parseOdooDatetime(row.write_date),
  };
}

export interface QuantProduct {
  sku: string;
  uom: string;
}

/** Null for a product without an internal reference. */
export function stockLevelChanged(row: OdooRow, product: QuantProduct | undefined): StockLevelChanged | null {
  const productId = many2oneId(row.product_id);
  const location = many2oneName(row.location_id);
  if (!product || productId === null || !location) return null;
  return {
    sku: product.sku,
    productId,
    locationId: location,
    onHand: { value: decimalString(row.quantity), uom: product.uom },
    reserved: { value: decimalString(row.reserved_quantity), uom: product.uom },
    changedAt: parseOdooDatetime(row.write_date),
  };
}
