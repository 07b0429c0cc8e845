import { Module } from '@nestjs/common';
import { InventorySnapshotClient } from './inventory-snapshot.client';
import { OdooReconciliationReader } from './odoo-stock.reader';
import { OnOrderEventProjection } from './on-order-event.handler';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import { Reconciliations } from './reconciliations';
import { ReconciliationsController } from './reconciliations.controller';

/** Reconciliation of Odoo against the backbone: runs, schedule, report API and the order projection it needs. */
@Module({
  controllers: [ReconciliationsController, OnOrderEventProjection],
  providers: [Reconciliations, ReconciliationScheduler, OdooReconciliationReader, InventorySnapshotClient],
})
export class ReconciliationModule {}
