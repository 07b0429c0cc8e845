import type { Knex } from 'knex';

export const AVAILABILITY_CHANNEL = 'availability_pending';

/** One notification per marking statement wakes the availability publisher without polling. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function availability_pending_notify() returns trigger language plpgsql as $$
    begin perform pg_notify('${AVAILABILITY_CHANNEL}', ''); return null; end $$;
    create trigger availability_pending_marked after insert on availability_pending
      for each statement execute function availability_pending_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists availability_pending_marked on availability_pending; drop function if exists availability_pending_notify()');
}
