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

// One round trip per intake batch: the reads are the intake's main cost. Each requested (channel,
// customer) gets its mapping tables, its customer and its candidate pricelists with their items for
// the requested SKUs (as sent, and as the channel's SKU table maps them). Numerics travel as text
// (JSON numbers would go through binary floats).
//
// Idempotency-Keys are claimed in the same statement, in a fixed order (two batches claiming the
// same keys never deadlock). Like a lone insert, a claim waits for a concurrent transaction holding
// the key; the reads then come from the snapshot taken before that wait, and only count for the
// keys claimed. `existing` names the requested order ids already stored, so a repeated order skips
// the gates (a concurrent insert of one is still caught by the insert itself).
const CONTEXTS_SQL = `
  with claimed as (
    insert into idempotency_key (caller, key, fingerprint)
    select caller, key, fingerprint from jsonb_to_recordset(cast(:claims as jsonb)) as c(caller text, key text, fingerprint text) order by caller, key
    on conflict do nothing returning caller, key)
  select
    (select coalesce(json_agg(json_build_array(caller, key)), '[]') from claimed) as claimed,
    (select coalesce(json_agg(order_id), '[]') from orders where order_id = any(cast(:orderIds as uuid[]))) as existing,
    (select coalesce(json_agg(json_build_object(
      'mapping', case when m.channel is null then null else json_build_object('sku_pass_through', m.sku_pass_through, 'skus', m.skus, 'units', m.units,
         'statuses', m.statuses, 'pricelist_id', m.pricelist_id) end,
      'customer', case when c.customer_id is null then null else json_build_object('active', c.active, 'on_credit_hold', c.on_credit_hold,
         'credit_limit_amount', c.credit_limit_amount::text, 'credit_limit_currency', c.credit_limit_currency, 'pricelist_id', c.pricelist_id) end,
      'pricelists', (select coalesce(json_agg(json_build_object('pricelist_id', p.pricelist_id, 'currency', p.currency, 'active', p.active, 'items',
         (select coalesce(json_agg(json_build_object('product_id', i.product_id, 'sku', i.sku, 'min_quantity', i.min_quantity::text, 'uom', i.uom,
            'price', i.price::text, 'date_start', i.date_start, 'date_end', i.date_end) order by i.position), '[]')
          from pricelist_item i where i.pricelist_id = p.pricelist_id
            and (i.sku = any(req.skus) or i.sku = any(array(select m.skus ->> s from unnest(req.skus) s)))))), '[]')
       from pricelist p where p.pricelist_id in (c.pricelist_id, m.pricelist_id, :defaultPricelistId))) order by req.position), '[]')
     from jsonb_to_recordset(cast(:requests as jsonb)) as req(position int, channel text, customer_id text, skus text[])
       left join channel_mapping m on m.channel = req.channel
       left join customer_account c on c.customer_id = req.customer_id) as contexts`;

export interface ContextQuery {
  channel: string;
  customerId: string;
  skus: readonly string[];
}

/** An Idempotency-Key to claim: inserted unless the caller used it before. */
export interface KeyToClaim {
  caller: string;
  key: string;
  fingerprint: string;
}

export interface IntakeReads {
  /** The context of each query, in order. */
  contexts: IntakeContext[];
  /** `claimKey` of the keys claimed; a key not claimed was used before. */
  claimed: Set<string>;
  /** The order ids asked about that are stored already. */
  existing: Set<string>;
}

export const IntakeContextRepository = {
  /** The intake reads for a batch of orders, claiming their Idempotency-Keys, in one statement (see CONTEXTS_SQL). */
  async load(trx: Knex.Transaction, queries: readonly ContextQuery[], options: { claims?: readonly KeyToClaim[]; orderIds?: readonly string[]; defaultPricelistId: number | null }): Promise<IntakeReads> {
    const { rows } = await trx
      .raw<{ rows: { claimed: [string, string][]; existing: string[]; contexts: ContextRow[] }[] }>(CONTEXTS_SQL, {
        claims: JSON.stringify(options.claims ?? []),
        orderIds: [...(options.orderIds ?? [])],
        requests: JSON.stringify(queries.map((query, position) => ({ position, channel: query.channel, customer_id: query.customerId, skus: query.skus }))),
        defaultPricelistId: options.defaultPricelistId,
      })
      .options(prepared('order-intake-reads'));
    const [{ claimed, existing, contexts }] = rows;
    return {
      contexts: contexts.map((row, index) => toContext(queries[index], row)),
      claimed: new Set(claimed.map(([caller, key]) => claimKey({ caller, key }))),
      existing: new Set(existing),
    };
  },
};

/** Identifies an Idempotency-Key: keys are scoped per caller. */
export function claimKey(key: { caller: string; key: string }): string {
  return JSON.stringify([key.caller, key.key]);
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
