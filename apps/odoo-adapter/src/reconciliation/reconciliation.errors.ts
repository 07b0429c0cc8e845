import { BackboneError } from '@backbone/events';

export const ReconciliationErrorCode = {
  inventoryUnavailable: 'RECONCILIATION.INVENTORY_UNAVAILABLE',
  alreadyRunning: 'RECONCILIATION.ALREADY_RUNNING',
  notFound: 'RECONCILIATION.NOT_FOUND',
} as const;

/** The inventory-service's snapshot could not be fetched (not configured, unreachable, refused). */
export class InventoryUnavailableError extends BackboneError {
  readonly code = ReconciliationErrorCode.inventoryUnavailable;

  constructor(message: string) {
    super(message, {});
  }
}

/** A run of this kind is in progress; its id is `runId`. */
export class ReconciliationAlreadyRunningError extends BackboneError {
  readonly code = ReconciliationErrorCode.alreadyRunning;

  constructor(readonly kind: string, readonly runId: string) {
    super(`a ${kind} reconciliation is already running (${runId})`, { kind, runId });
  }
}
