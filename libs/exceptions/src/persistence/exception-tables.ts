import type { Knex } from 'knex';

export const EXCEPTION_TABLE = 'business_exception';
export const EXCEPTION_AUDIT_TABLE = 'business_exception_audit';

/**
 * The exception queue's tables for a service database. Call from one of the service's own knex
 * migrations (after `createEventTables`), so the tables live and evolve with the service's schema.
 *
 * At most one OPEN exception exists per (service, code, subject): a partial unique index makes a
 * repeated raise update that row (occurrences, last_seen_at) instead of adding one, also under
 * concurrency. The audit table refuses UPDATE, DELETE and TRUNCATE.
 */
export async function createExceptionTables(knex: Knex): Promise<void> {
  await knex.schema.createTable(EXCEPTION_TABLE, (table) => {
    table.uuid('id').primary().comment('UUIDv7, also the ops.exception.v1 record key');
    table.text('service').notNullable();
    table.text('code').notNullable().comment('DOMAIN.REASON, e.g. ORDER.CREDIT_HOLD');
    table.text('message').notNullable();
    table.text('subject_type').notNullable();
    table.text('subject_id').notNullable();
    table.jsonb('details').notNullable().defaultTo('{}');
    table.text('source_event_id');
    table.text('correlation_id');
    table.text('status').notNullable().defaultTo('OPEN');
    table.text('resolution');
    table.integer('attempts').notNullable().defaultTo(0).comment('retries run');
    table.integer('occurrences').notNullable().defaultTo(1).comment('raises while open');
    table.timestamp('raised_at', { useTz: true }).notNullable();
    table.timestamp('last_seen_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true });
    table.text('resolved_by_kind');
    table.text('resolved_by_id');
    table.text('reason');
    table.check(`status in ('OPEN', 'RESOLVED')`, [], `${EXCEPTION_TABLE}_status_check`);
    table.check(
      `(status = 'OPEN' and resolution is null and resolved_at is null) or (status = 'RESOLVED' and resolution in ('RETRIED', 'OVERRIDDEN', 'REJECTED') and resolved_at is not null and resolved_by_id is not null)`,
      [],
      `${EXCEPTION_TABLE}_resolution_check`,
    );
    table.index(['status', 'code'], `${EXCEPTION_TABLE}_status_code_idx`);
    table.index(['subject_type', 'subject_id'], `${EXCEPTION_TABLE}_subject_idx`);
  });
  await knex.raw(`create index ${EXCEPTION_TABLE}_raised_idx on ${EXCEPTION_TABLE} (raised_at desc, id desc)`);
  await knex.raw(`create unique index ${EXCEPTION_TABLE}_open_key on ${EXCEPTION_TABLE} (service, code, subject_type, subject_id) where status = 'OPEN'`);

  await knex.schema.createTable(EXCEPTION_AUDIT_TABLE, (table) => {
    table.bigIncrements('id').primary();
    table.uuid('exception_id').notNullable().references('id').inTable(EXCEPTION_TABLE);
    table.text('action').notNullable().comment('RAISED, RETRY_FAILED, RETRIED, OVERRIDDEN, REJECTED');
    table.text('actor_kind').notNullable();
    table.text('actor_id').notNullable();
    table.text('reason');
    table.timestamp('at', { useTz: true }).notNullable();
    table.jsonb('before').comment('the exception before the change; null for RAISED');
    table.jsonb('after').notNullable();
    table.index(['exception_id', 'id'], `${EXCEPTION_AUDIT_TABLE}_exception_idx`);
  });
  await knex.raw(`
    create function ${EXCEPTION_AUDIT_TABLE}_refuse_change() returns trigger language plpgsql as $$
    begin raise exception '${EXCEPTION_AUDIT_TABLE} is append-only'; end $$;
    create trigger ${EXCEPTION_AUDIT_TABLE}_append_only before update or delete on ${EXCEPTION_AUDIT_TABLE}
      for each row execute function ${EXCEPTION_AUDIT_TABLE}_refuse_change();
    create trigger ${EXCEPTION_AUDIT_TABLE}_no_truncate before truncate on ${EXCEPTION_AUDIT_TABLE}
      for each statement execute function ${EXCEPTION_AUDIT_TABLE}_refuse_change();
  `);
}

export async function dropExceptionTables(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(EXCEPTION_AUDIT_TABLE);
  await knex.schema.dropTableIfExists(EXCEPTION_TABLE);
  await knex.raw(`drop function if exists ${EXCEPTION_AUDIT_TABLE}_refuse_change()`);
}
