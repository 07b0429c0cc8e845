import type { Knex } from 'knex';
import { versionKey, type SeenVersion } from '../domain/change-capture/capture-window';

/** Advisory-lock namespace of change capture (the second key is the model's hash). */
const LOCK_NAMESPACE = 0x0dc0;

/** Checkpoints and captured versions; every function works in the caller's transaction. */
export const ChangeCaptureRepository = {
  /**
   * One poller per model across replicas: a transaction-scoped advisory lock, held while a page
   * is read, published and checkpointed, released at commit (as the outbox relay's lock elects
   * one publisher). False: another replica is capturing this model now.
   */
  async tryLock(trx: Knex.Transaction, model: string): Promise<boolean> {
    const { rows } = await trx.raw<{ rows: { locked: boolean }[] }>('select pg_try_advisory_xact_lock(?, hashtext(?)) as locked', [LOCK_NAMESPACE, model]);
    return rows[0].locked;
  },

  async watermark(trx: Knex.Transaction | Knex, model: string): Promise<Date | null> {
    const row = await trx('change_capture_checkpoint').where({ model }).first<{ watermark: Date | null } | undefined>('watermark');
    return row?.watermark ?? null;
  },

  async saveWatermark(trx: Knex.Transaction, model: string, watermark: Date | null): Promise<void> {
    await trx('change_capture_checkpoint').insert({ model, watermark, updated_at: trx.fn.now() }).onConflict('model').merge();
  },

  /** The versions among `versions` not captured before. */
  async unseen(trx: Knex.Transaction, model: string, versions: readonly SeenVersion[]): Promise<SeenVersion[]> {
    if (versions.length === 0) return [];
    const rows = await trx('change_capture_seen')
      .where({ model })
      .whereRaw('record_id = any(?::int[])', [versions.map((version) => version.recordId)])
      .select<{ record_id: number; write_date: Date; fingerprint: string }[]>('record_id', 'write_date', 'fingerprint');
    const seen = new Set(rows.map((row) => versionKey({ recordId: row.record_id, writeDate: row.write_date, fingerprint: row.fingerprint })));
    return versions.filter((version) => !seen.has(versionKey(version)));
  },

  async remember(trx: Knex.Transaction, model: string, versions: readonly SeenVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await trx('change_capture_seen')
      .insert(versions.map((version) => ({ model, record_id: version.recordId, write_date: version.writeDate, fingerprint: version.fingerprint })))
      .onConflict(['model', 'record_id', 'write_date', 'fingerprint'])
      .ignore();
  },

  /** Forgets versions older than any pass will read again. */
  async forgetBefore(db: Knex, model: string, before: Date): Promise<number> {
    return db('change_capture_seen').where({ model }).andWhere('write_date', '<', before).delete();
  },
};
