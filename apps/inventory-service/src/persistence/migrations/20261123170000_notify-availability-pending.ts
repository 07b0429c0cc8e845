import { notifyTrigger } from '@backbone/service-kit';
import type { Knex } from 'knex';

export const AVAILABILITY_CHANNEL = 'availability_pending';

const trigger = notifyTrigger({ table: 'availability_pending', trigger: 'availability_pending_marked', fn: 'availability_pending_notify', channel: AVAILABILITY_CHANNEL });

/** One notification per marking statement wakes the availability publisher without polling. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(trigger.create);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(trigger.drop);
}
