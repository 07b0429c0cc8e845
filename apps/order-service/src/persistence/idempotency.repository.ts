import type { Knex } from 'knex';
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
  /** The fingerprint and answer stored under a key another request claimed. */
  async answered(trx: Knex.Transaction, caller: string, key: string): Promise<{ fingerprint: string; response: StoredResponse }> {
    const row = await trx('idempotency_key').where({ caller, key }).first('fingerprint', 'response_status', 'response_body');
    return { fingerprint: row.fingerprint, response: { status: row.response_status, body: JSON.parse(row.response_body) } };
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

  /** Gives keys back: the requests claiming them were refused, and a refused request stores nothing. */
  async release(trx: Knex.Transaction, keys: readonly { caller: string; key: string }[]): Promise<void> {
    if (keys.length === 0) return;
    await trx.raw(`delete from idempotency_key k using jsonb_to_recordset(cast(? as jsonb)) as r(caller text, key text) where k.caller = r.caller and k.key = r.key`, [
      JSON.stringify(keys.map(({ caller, key }) => ({ caller, key }))),
    ]);
  },
};
