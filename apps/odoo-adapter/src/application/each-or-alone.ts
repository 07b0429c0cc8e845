import { OdooError } from '../odoo/odoo-error';

/**
 * Runs `write` for the whole batch (one Odoo transaction). If Odoo refuses it for a business
 * reason, one entry is to blame: each is then written alone, and an entry Odoo refuses alone goes
 * to `refused` (usually settled as a refusal). Transient errors propagate: the worker retries the
 * jobs, and the next run finds what the failed call may have written.
 */
export async function writeEachOrAlone<T>(batch: readonly T[], write: (batch: T[]) => Promise<void>, refused: (entry: T, error: OdooError) => Promise<void>): Promise<void> {
  if (batch.length === 0) return;
  try {
    await write([...batch]);
  } catch (error) {
    if (!(error instanceof OdooError) || error.retriable) throw error;
    if (batch.length === 1) return refused(batch[0]!, error);
    for (const entry of batch) await writeEachOrAlone([entry], write, refused);
  }
}
