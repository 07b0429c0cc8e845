import type { PartnerChanged, PricelistChanged } from '@backbone/schemas';
import type { Knex } from 'knex';
import type { CustomerAccount } from '../domain';
import { plain } from './intake-context.repository';

/** A customer as the gates see it, with the pricelist the ERP assigns to them. */
export type Customer = CustomerAccount & { pricelistId: number | null };

/** The ERP's customers and pricelists as last synced; a change older than the one held is ignored. */
export const MasterDataRepository = {
  async saveCustomer(trx: Knex.Transaction, partner: PartnerChanged & { ref: string }): Promise<void> {
    await trx.raw(
      `insert into customer_account (customer_id, partner_id, name, active, on_credit_hold, credit_limit_amount, credit_limit_currency, pricelist_id, changed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (customer_id) do update set partner_id = excluded.partner_id, name = excluded.name, active = excluded.active,
         on_credit_hold = excluded.on_credit_hold, credit_limit_amount = excluded.credit_limit_amount,
         credit_limit_currency = excluded.credit_limit_currency, pricelist_id = excluded.pricelist_id, changed_at = excluded.changed_at
       where customer_account.changed_at <= excluded.changed_at`,
      [partner.ref, partner.partnerId, partner.name, partner.active, partner.onCreditHold, partner.creditLimit?.amount ?? null, partner.creditLimit?.currency ?? null, partner.pricelistId, partner.changedAt],
    );
  },

  /** The customers, locked in id order (orders against a credit limit serialize per customer; a fixed order never deadlocks). */
  async lockCustomers(trx: Knex.Transaction, customerIds: readonly string[]): Promise<Map<string, Customer>> {
    const rows = await trx('customer_account').whereIn('customer_id', customerIds).orderBy('customer_id').forUpdate().select();
    return new Map(
      rows.map((row) => [
        row.customer_id,
        {
          customerId: row.customer_id,
          active: row.active,
          onCreditHold: row.on_credit_hold,
          creditLimit: row.credit_limit_amount === null ? null : { amount: plain(String(row.credit_limit_amount)), currency: row.credit_limit_currency },
          pricelistId: row.pricelist_id,
        },
      ]),
    );
  },

  /** Replaces the pricelist and all its items, unless a newer version is held. */
  async savePricelist(trx: Knex.Transaction, pricelist: PricelistChanged): Promise<boolean> {
    const { rowCount } = await trx.raw<{ rowCount: number }>(
      `insert into pricelist (pricelist_id, name, currency, active, changed_at) values (?, ?, ?, ?, ?)
       on conflict (pricelist_id) do update set name = excluded.name, currency = excluded.currency, active = excluded.active, changed_at = excluded.changed_at
       where pricelist.changed_at <= excluded.changed_at`,
      [pricelist.pricelistId, pricelist.name, pricelist.currency, pricelist.active, pricelist.changedAt],
    );
    if (rowCount === 0) return false;
    await trx('pricelist_item').where({ pricelist_id: pricelist.pricelistId }).delete();
    if (pricelist.items.length > 0) {
      await trx.batchInsert(
        'pricelist_item',
        pricelist.items.map((item, position) => ({
          pricelist_id: pricelist.pricelistId,
          position,
          product_id: item.productId,
          sku: item.sku,
          min_quantity: item.minQuantity.value,
          uom: item.minQuantity.uom,
          price: item.price.amount,
          date_start: item.dateStart,
          date_end: item.dateEnd,
        })),
        1_000,
      ).transacting(trx);
    }
    return true;
  },
};
