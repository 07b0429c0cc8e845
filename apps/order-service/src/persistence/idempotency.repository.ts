import type { Knex } from 'knex';

/** A response kept under an Idempotency-Key: replayed as is for the same request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Idempotency keys per caller. The key is claimed in the request's transaction, by
 * IntakeContextRepository.loadClaiming (along with the intake reads); a concurrent request with the
 * same key waits on the unique index until the first commits, then reads its answer here (or, if
 * the first rolled back, claims the key itself).
 */
export const IdempotencyRepository = {
  /** The fingerprint and answer stored under a key another request claimed. */
  async answered(trx: Knex.Transaction, caller: string, key: string): Promise<{ fingerprint: string; response: StoredResponse }> {
    const row = await trx('idempotency_key').where({ caller, key }).first('fingerprint', 'response_status', 'response_body');
    return { fingerprint: row.fingerprint, response: { status: row.response_status, body: JSON.parse(row.response_body) } };
  },

  async complete(trx: Knex.Transaction, caller: string, key: string, response: StoredResponse): Promise<void> {
    await trx('idempotency_key').where({ caller, key }).update({ response_status: response.status, response_body: JSON.stringify(response.body) });
  },
};
