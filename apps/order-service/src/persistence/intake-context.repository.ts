import type { Knex } from 'knex';
import { prepared } from './prepared';
import type { Pricelist } from '../domain';
import type { ChannelSettings } from './channel-mappings.repository';
import type { Customer } from './master-data.repository';

/** What intake reads before it decides: the channel's mapping tables, the customer, the candidate pricelists. */
export interface IntakeContext {
  settings: ChannelSettings | undefined;
  customer: Customer | null;
  /**
   * The customer's, the channel's and the default pricelist, with only their items for the order's
   * SKUs (as the channel sent them, and as its SKU table maps them).
   */
  pricelists: Pricelist[];
}

interface ContextRow {
  mapping: { sku_pass_through: boolean; skus: Record<string, string>; units: Record<string, string>; statuses: ChannelSettings['statuses']; pricelist_id: number | null } | null;
  customer: { active: boolean; on_credit_hold: boolean; credit_limit_amount: string | null; credit_limit_currency: string | null; pricelist_id: number | null } | null;
  pricelists: { pricelist_id: number; currency: string; active: boolean; items: { product_id: number; sku: string; min_quantity: string; uom: string; price: string; date_start: string | null; date_end: string | null }[] }[];
}

// One round trip instead of three: the intake path's reads are its main cost. Numerics travel as
// text (JSON numbers would go through binary floats).
const CONTEXT_CTES = `
  m as (select * from channel_mapping where channel = :channel),
  c as (select * from customer_account where customer_id = :customerId)`;
const CONTEXT_COLUMNS = `
    (select json_build_object('sku_pass_through', sku_pass_through, 'skus', skus, 'units', units, 'statuses', statuses, 'pricelist_id', pricelist_id) from m) as mapping,
    (select json_build_object('active', active, 'on_credit_hold', on_credit_hold, 'credit_limit_amount', credit_limit_amount::text,
       'credit_limit_currency', credit_limit_currency, 'pricelist_id', pricelist_id) from c) as customer,
    (select coalesce(json_agg(json_build_object('pricelist_id', p.pricelist_id, 'currency', p.currency, 'active', p.active, 'items',
       (select coalesce(json_agg(json_build_object('product_id', i.product_id, 'sku', i.sku, 'min_quantity', i.min_quantity::text, 'uom', i.uom,
          'price', i.price::text, 'date_start', i.date_start, 'date_end', i.date_end) order by i.position), '[]')
        from pricelist_item i where i.pricelist_id = p.pricelist_id
          and (i.sku = any(:skus) or i.sku = any(array(select m.skus ->> s from m, unnest(cast(:skus as text[])) s)))))), '[]')
     from pricelist p
     where p.pricelist_id = (select pricelist_id from c) or p.pricelist_id = (select pricelist_id from m) or p.pricelist_id = :defaultPricelistId) as pricelists`;
const CONTEXT_SQL = `with ${CONTEXT_CTES} select ${CONTEXT_COLUMNS}`;
// The Idempotency-Key claim rides along (one round trip less per request). Like a lone insert, it
// waits for a concurrent transaction holding the key; the context then comes from the snapshot
// taken before that wait, and is only used when the key was claimed.
const CLAIMING_SQL = `
  with claimed as (insert into idempotency_key (caller, key, fingerprint) values (:caller, :key, :fingerprint) on conflict do nothing returning 1),
  ${CONTEXT_CTES}
  select exists (select from claimed) as claimed, ${CONTEXT_COLUMNS}`;

export interface ContextQuery {
  channel: string;
  customerId: string;
  skus: readonly string[];
  defaultPricelistId: number | null;
}

/** An Idempotency-Key to claim: inserted unless the caller used it before. */
export interface KeyToClaim {
  caller: string;
  key: string;
  fingerprint: string;
}

export const IntakeContextRepository = {
  async load(trx: Knex.Transaction, query: ContextQuery): Promise<IntakeContext> {
    const { rows } = await trx.raw<{ rows: ContextRow[] }>(CONTEXT_SQL, bindings(query)).options(prepared('order-intake-context'));
    return toContext(query, rows[0]);
  },

  /** Claims the key (see IdempotencyRepository) and loads the context in one statement; `claimed` false: the key was used before. */
  async loadClaiming(trx: Knex.Transaction, query: ContextQuery, claim: KeyToClaim): Promise<{ claimed: boolean; context: IntakeContext }> {
    const { rows } = await trx.raw<{ rows: (ContextRow & { claimed: boolean })[] }>(CLAIMING_SQL, { ...bindings(query), ...claim }).options(prepared('order-intake-claiming'));
    return { claimed: rows[0].claimed, context: toContext(query, rows[0]) };
  },
};

function bindings(query: ContextQuery) {
  return { channel: query.channel, customerId: query.customerId, skus: [...query.skus], defaultPricelistId: query.defaultPricelistId };
}

function toContext(query: ContextQuery, { mapping, customer, pricelists }: ContextRow): IntakeContext {
  return {
    settings: mapping
      ? { channel: query.channel, skuPassThrough: mapping.sku_pass_through, skus: mapping.skus, units: mapping.units, statuses: mapping.statuses, pricelistId: mapping.pricelist_id }
      : undefined,
    customer: customer
      ? {
          customerId: query.customerId,
          active: customer.active,
          onCreditHold: customer.on_credit_hold,
          creditLimit: customer.credit_limit_amount === null ? null : { amount: plain(customer.credit_limit_amount), currency: customer.credit_limit_currency ?? '' },
          pricelistId: customer.pricelist_id,
        }
      : null,
    pricelists: pricelists.map((pricelist) => ({
      pricelistId: pricelist.pricelist_id,
      currency: pricelist.currency,
      active: pricelist.active,
      items: pricelist.items.map((item) => ({
        productId: item.product_id,
        sku: item.sku,
        minQuantity: { value: plain(item.min_quantity), uom: item.uom },
        price: { amount: plain(item.price), currency: pricelist.currency },
        dateStart: item.date_start === null ? null : new Date(item.date_start),
        dateEnd: item.date_end === null ? null : new Date(item.date_end),
      })),
    })),
  };
}

/** numeric::text keeps the column's trailing zeros ("2.50"); amounts read better without them. */
export function plain(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
