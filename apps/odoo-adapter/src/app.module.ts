import { join } from 'node:path';
import { ExceptionsModule } from '@backbone/exceptions';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { OdooAdapterConfig } from './config/odoo-adapter.config';
import { SYNC_EXECUTORS, type SyncExecutor } from './application/sync-executor';
import { OdooVersion } from './application/odoo-version';
import { SyncCreditNotes } from './application/sync-credit-notes';
import { SyncDeliveries } from './application/sync-deliveries';
import { SyncOrderCancellations } from './application/sync-order-cancellations';
import { SyncOutcomes } from './application/sync-outcomes';
import { SyncReturnReceipts } from './application/sync-return-receipts';
import { SyncSaleOrders } from './application/sync-sale-orders';
import { SyncStockCounts } from './application/sync-stock-counts';
import { SyncWorker } from './application/sync-worker';
import { ChangeCaptureModule } from './change-capture/change-capture.module';
import { OnOrderCancelled } from './handlers/on-order-cancelled.handler';
import { OnOrderReceived } from './handlers/on-order-received.handler';
import { OnOrderReserved } from './handlers/on-order-reserved.handler';
import { OnOrderShipmentRecorded } from './handlers/on-order-shipment-recorded.handler';
import { OnRmaReceived } from './handlers/on-rma-received.handler';
import { OnRmaRefundIssued } from './handlers/on-rma-refund-issued.handler';
import { OnStockChanged } from './handlers/on-stock-changed.handler';
import { OdooModule } from './odoo/odoo.module';
import { ErpOrdersRepository } from './persistence/erp-orders.repository';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { SyncJobsRepository } from './persistence/sync-jobs.repository';

const EXECUTORS = [SyncSaleOrders, SyncOrderCancellations, SyncDeliveries, SyncStockCounts, SyncReturnReceipts, SyncCreditNotes];

@Module({})
export class AppModule {
  static forRoot(config: OdooAdapterConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrationDirectories: [join(__dirname, 'persistence', 'migrations')],
          openApi: {
            title: 'Odoo Adapter',
            description: 'The only writer into Odoo: maps domain events to idempotent Odoo writes, publishes Odoo master data and reconciles.',
            version: '1',
          },
          consumesEvents: true,
        }),
        ExceptionsModule.forRoot(),
        OdooModule,
        ChangeCaptureModule,
        ReconciliationModule,
      ],
      controllers: [OnOrderReceived, OnOrderReserved, OnOrderCancelled, OnOrderShipmentRecorded, OnStockChanged, OnRmaReceived, OnRmaRefundIssued],
      providers: [
        ErpOrdersRepository,
        SyncJobsRepository,
        SyncOutcomes,
        OdooVersion,
        ...EXECUTORS,
        { provide: SYNC_EXECUTORS, inject: EXECUTORS, useFactory: (...executors: SyncExecutor[]) => executors },
        SyncWorker,
      ],
    };
  }
}
