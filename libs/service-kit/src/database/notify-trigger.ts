export interface NotifyTriggerNames {
  table: string;
  /** The trigger's name. */
  trigger: string;
  /** The trigger function's name. */
  fn: string;
  /** The channel a NotificationListener (or WakeablePasses) listens on. */
  channel: string;
  /** Which writes notify; default `insert`. */
  on?: string;
}

/**
 * SQL for a migration: a statement-level trigger that NOTIFYs `channel` (empty payload) after the
 * writes on `table`, one notification per statement however many rows it wrote, so the table's
 * workers wake at once instead of polling. `create` for `up`, `drop` for `down`.
 */
export function notifyTrigger({ table, trigger, fn, channel, on = 'insert' }: NotifyTriggerNames): { create: string; drop: string } {
  return {
    create: `
      create function ${fn}() returns trigger language plpgsql as $$
      begin perform pg_notify('${channel}', ''); return null; end $$;
      create trigger ${trigger} after ${on} on ${table}
        for each statement execute function ${fn}();`,
    drop: `
      drop trigger if exists ${trigger} on ${table};
      drop function if exists ${fn}();`,
  };
}
