import type { Knex } from 'knex';

/** A response kept under an Idempotency-Key: replayed as is for the same request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type KeyClaim = { claimed: true } | { claimed: false; fingerprint: string; response: StoredResponse };

/**
 * Idempotency keys per caller. `claim` inserts the key in the request's transaction; a concurrent
 * request with the same key waits on the unique index until the first commits, then reads its
 * response (or, if the first rolled back, claims the key itself).
 */
export const IdempotencyRepository = {
  async claim(trx: Knex.Transaction, caller: string, key: string, fingerprint: string): Promise<KeyClaim> {
    const inserted = await trx.raw<{ rowCount: number }>('insert into idempotency_key (caller, key, fingerprint) values (?, ?, ?) on conflict do nothing', [caller, key, fingerprint]);
    if (inserted.rowCount === 1) return { claimed: true };
    const row = await trx('idempotency_key').where({ caller, key }).first('fingerprint', 'response_status', 'response_body');
    return { claimed: false, fingerprint: row.fingerprint, response: { status: row.response_status, body: JSON.parse(row.response_body) } };
  },

  async complete(trx: Knex.Transaction, caller: string, key: string, response: StoredResponse): Promise<void> {
    await trx('idempotency_key').where({ caller, key }).update({ response_status: response.status, response_body: JSON.stringify(response.body) });
  },
};
