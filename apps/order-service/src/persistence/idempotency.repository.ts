import type { Knex } from 'knex';
import { claimKey } from './intake-context.repository';
import { prepared } from './prepared';

/** A response kept under an Idempotency-Key: replayed as is for the same request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Idempotency keys per caller. Keys are claimed in the request's transaction, by
 * IntakeContextRepository.load (along with the intake reads); a concurrent request with the same
 * key waits on the unique index until the first commits, then reads its answer here (or, if the
 * first rolled back, claims the key itself).
 */
export const IdempotencyRepository = {
  /** The fingerprints and answers stored under keys other requests claimed, by `claimKey`, in one statement. */
  async answered(trx: Knex.Transaction, keys: readonly { caller: string; key: string }[]): Promise<Map<string, { fingerprint: string; response: StoredResponse }>> {
    const answers = new Map<string, { fingerprint: string; response: StoredResponse }>();
    if (keys.length === 0) return answers;
    const { rows } = await trx.raw<{ rows: { caller: string; key: string; fingerprint: string; response_status: number; response_body: string }[] }>(
      `select k.caller, k.key, k.fingerprint, k.response_status, k.response_body
       from idempotency_key k join jsonb_to_recordset(cast(? as jsonb)) as r(caller text, key text) on k.caller = r.caller and k.key = r.key`,
      [JSON.stringify(keys.map(({ caller, key }) => ({ caller, key })))],
    );
    for (const row of rows) answers.set(claimKey(row), { fingerprint: row.fingerprint, response: { status: row.response_status, body: JSON.parse(row.response_body) } });
    return answers;
  },

  /** Stores the answers under the keys claimed for them, in one statement. */
  async complete(trx: Knex.Transaction, answers: readonly { caller: string; key: string; response: StoredResponse }[]): Promise<void> {
    if (answers.length === 0) return;
    await trx
      .raw(
        `update idempotency_key k set response_status = a.status, response_body = a.body
         from jsonb_to_recordset(cast(? as jsonb)) as a(caller text, key text, status integer, body text)
         where k.caller = a.caller and k.key = a.key`,
        [JSON.stringify(answers.map(({ caller, key, response }) => ({ caller, key, status: response.status, body: JSON.stringify(response.body) })))],
      )
      .options(prepared('idempotency-complete'));
  },

  /** Forgets keys stored before `olderThan`, at most `limit` of them, skipping rows another sweep holds; returns how many. */
  async expire(db: Knex, olderThan: Date, limit: number): Promise<number> {
    const result = await db.raw(
      `delete from idempotency_key k using (select caller, key from idempotency_key where created_at < ? limit ? for update skip locked) old
       where k.caller = old.caller and k.key = old.key`,
      [olderThan, limit],
    );
    return result.rowCount ?? 0;
  },

  /** Gives keys back: the requests claiming them were refused, and a refused request stores nothing. */
  async release(trx: Knex.Transaction, keys: readonly { caller: string; key: string }[]): Promise<void> {
    if (keys.length === 0) return;
    await trx.raw(`delete from idempotency_key k using jsonb_to_recordset(cast(? as jsonb)) as r(caller text, key text) where k.caller = r.caller and k.key = r.key`, [
      JSON.stringify(keys.map(({ caller, key }) => ({ caller, key }))),
    ]);
  },
};
