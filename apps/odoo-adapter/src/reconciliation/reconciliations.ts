import { Outbox, newEventId, type OutgoingEvent } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { DriftDetected, ReconciliationCompleted } from '@backbone/schemas';
import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Knex } from 'knex';
import { compareOrderStates } from '../domain/reconciliation/order-state-drift';
import { compareStock } from '../domain/reconciliation/stock-drift';
import { InventorySnapshotClient } from './inventory-snapshot.client';
import { OdooReconciliationReader } from './odoo-stock.reader';
import { ReconciliationAlreadyRunningError } from './reconciliation.errors';
import { reconciliationMetrics } from './reconciliation.metrics';
import { ReconciliationRepository as repository, type DriftLine, type ReconciliationKind } from './reconciliation.repository';
import type { ReconciliationConfig } from './reconciliation.settings';

const DAY = 86_400_000;
/** Exception codes per kind: one open exception per drifting subject (the queue de-duplicates recurrences). */
const EXCEPTION = {
  STOCK: { code: 'ERP.STOCK_DRIFT', subjectType: 'stock-position' },
  ORDER_STATE: { code: 'ERP.ORDER_STATE_DRIFT', subjectType: 'order' },
} as const;

interface Comparison {
  checked: number;
  drifts: DriftLine[];
}

/**
 * Compares Odoo with the backbone: stock per SKU and location against the inventory-service's
 * snapshot, sale-order states against the adapter's order projection. A run reads both sides,
 * then in one transaction stores its drift lines, appends a DriftDetected per drift and a
 * ReconciliationCompleted, raises an exception per drift and closes the exceptions of subjects
 * that drifted in the previous run and agree now.
 */
@Injectable()
export class Reconciliations implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Reconciliations.name);
  private readonly inFlight = new Set<Promise<void>>();
  /** Gauge labels set by the latest run of each kind, cleared by the next one. */
  private readonly gaugeLocations = new Map<ReconciliationKind, Set<string>>();

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: ReconciliationConfig,
    private readonly outbox: Outbox,
    private readonly exceptions: ExceptionQueue,
    private readonly odoo: OdooReconciliationReader,
    private readonly inventory: InventorySnapshotClient,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** Records a RUNNING run and runs it in the background; answers its id. */
  async start(kind: ReconciliationKind, trigger: 'SCHEDULE' | 'REQUEST', requestedBy: string): Promise<{ runId: string; done: Promise<void> }> {
    const startedAt = new Date();
    await repository.failAbandoned(this.db, kind, new Date(startedAt.getTime() - this.config.RECONCILIATION_RUN_TIMEOUT_MS), startedAt);
    const { created, runId } = await this.db.transaction((trx) => repository.insertRun(trx, { runId: newEventId(), kind, trigger, requestedBy, startedAt }));
    if (!created) throw new ReconciliationAlreadyRunningError(kind, runId);
    const done = this.execute(runId, kind, startedAt);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
    return { runId, done };
  }

  private async execute(runId: string, kind: ReconciliationKind, startedAt: Date): Promise<void> {
    try {
      const { checked, drifts } = kind === 'STOCK' ? await this.stock() : await this.orderStates(startedAt);
      await this.db.transaction(async (trx) => {
        const finishedAt = new Date();
        await repository.complete(trx, runId, { finishedAt, checkedCount: checked, drifts });
        await this.outbox.append(trx, [...drifts.map((drift) => driftDetected(runId, kind, drift)), completed(runId, kind, checked, drifts.length, startedAt, finishedAt)]);
        await this.raiseExceptions(trx, runId, kind, drifts);
      });
      this.report(kind, drifts);
      reconciliationMetrics.runs.inc({ kind, outcome: 'COMPLETED' });
    } catch (error) {
      const { code, message } = error as Error & { code?: string };
      reconciliationMetrics.runs.inc({ kind, outcome: 'FAILED' });
      this.logger.warn(`${kind} reconciliation ${runId} failed: ${message}`);
      // If even this write fails, the run stays RUNNING until RECONCILIATION_RUN_TIMEOUT_MS marks it abandoned.
      await repository.fail(this.db, runId, new Date(), { code: code ?? 'RECONCILIATION.FAILED', message }).catch((failure: Error) => this.logger.error(`could not record the failure of run ${runId}: ${failure.message}`));
    }
  }

  private async stock(): Promise<Comparison> {
    const [odoo, backbone] = await Promise.all([this.odoo.stock(), this.inventory.positions()]);
    const { checked, drifts } = compareStock(odoo, backbone, this.config.RECONCILIATION_LOCATION_MAP, this.config.RECONCILIATION_STOCK_TOLERANCE);
    return {
      checked,
      drifts: drifts.map((drift) => ({
        subjectId: drift.subjectId,
        locationId: drift.locationId,
        odooValue: drift.odooValue,
        backboneValue: drift.backboneValue,
        difference: drift.difference,
        message: `${drift.sku} at ${drift.locationId}: Odoo has ${drift.odooValue ?? 'no stock'}, the inventory-service ${drift.backboneValue ?? 'no stock'} on hand (difference ${drift.difference})`,
      })),
    };
  }

  /** Orders whose status settled (older than the grace period) within the look-back window. */
  private async orderStates(now: Date): Promise<Comparison> {
    const orders = await repository.projectedOrders(this.db, new Date(now.getTime() - this.config.RECONCILIATION_ORDER_LOOKBACK_DAYS * DAY), new Date(now.getTime() - this.config.RECONCILIATION_ORDER_GRACE_MS));
    const saleOrders = await this.odoo.saleOrders(orders.map((order) => order.orderId));
    const drifts = compareOrderStates(orders, saleOrders);
    return { checked: orders.length, drifts: drifts.map((drift) => ({ ...drift, locationId: null, difference: null })) };
  }

  private async raiseExceptions(trx: Knex.Transaction, runId: string, kind: ReconciliationKind, drifts: readonly DriftLine[]): Promise<void> {
    const { code, subjectType } = EXCEPTION[kind];
    for (const drift of drifts) {
      await this.exceptions.raise(trx, {
        code,
        message: drift.message,
        subject: { type: subjectType, id: drift.subjectId },
        details: { runId, odooValue: drift.odooValue ?? 'none', backboneValue: drift.backboneValue ?? 'none', ...(drift.difference === null ? {} : { difference: drift.difference }) },
      });
    }
    const drifting = new Set(drifts.map((drift) => drift.subjectId));
    for (const subjectId of await repository.previousDriftSubjects(trx, kind, runId)) {
      if (!drifting.has(subjectId)) await this.exceptions.resolveByKey(trx, { code, subject: { type: subjectType, id: subjectId } }, { reason: `reconciliation ${runId} found Odoo and the backbone in agreement` });
    }
  }

  private report(kind: ReconciliationKind, drifts: readonly DriftLine[]): void {
    for (const location of this.gaugeLocations.get(kind) ?? []) reconciliationMetrics.drift.remove({ kind, location });
    const counts = new Map<string, number>();
    for (const drift of drifts) counts.set(drift.locationId ?? 'all', (counts.get(drift.locationId ?? 'all') ?? 0) + 1);
    if (counts.size === 0) counts.set('all', 0);
    for (const [location, count] of counts) reconciliationMetrics.drift.set({ kind, location }, count);
    this.gaugeLocations.set(kind, new Set(counts.keys()));
  }
}

function driftDetected(runId: string, kind: ReconciliationKind, drift: DriftLine): OutgoingEvent<DriftDetected> {
  return {
    type: 'backbone.erp.DriftDetected',
    key: drift.subjectId,
    payload: { runId, kind, subjectId: drift.subjectId, odooValue: drift.odooValue, backboneValue: drift.backboneValue, difference: drift.difference, message: drift.message },
  };
}

function completed(runId: string, kind: ReconciliationKind, checkedCount: number, driftCount: number, startedAt: Date, finishedAt: Date): OutgoingEvent<ReconciliationCompleted> {
  return { type: 'backbone.erp.ReconciliationCompleted', key: runId, payload: { runId, kind, checkedCount, driftCount, startedAt, finishedAt } };
}
