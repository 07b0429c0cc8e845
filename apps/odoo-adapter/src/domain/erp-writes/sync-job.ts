/** Kinds of Odoo writes the sync worker makes, and their order when Odoo is the bottleneck (lower first). */
export const SYNC_JOB_PRIORITY = {
  'sale-order': 0,
  'sale-order-cancel': 0,
  delivery: 1,
  'stock-count': 2,
  'return-receipt': 3,
  'credit-note': 3,
} as const;
export type SyncJobKind = keyof typeof SYNC_JOB_PRIORITY;

export interface SyncJob {
  id: string;
  kind: SyncJobKind;
  subjectId: string;
  payload: Record<string, unknown>;
  sourceEventId: string;
  sourceEventType: string;
  correlationId: string;
  traceParent: string | null;
  attempts: number;
}

/** Wait before the next try of a job Odoo could not take (unreachable, overloaded): exponential, capped. */
export function retryDelayMs(attempts: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, 100 * 2 ** Math.min(attempts, 20));
}
