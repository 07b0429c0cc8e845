import { join } from 'node:path';
import { ExceptionsModule } from '@backbone/exceptions';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { StockMovementsWebhook } from './api/stock-movements.webhook';
import { StockSetupController } from './api/stock-setup.controller';
import { StockController } from './api/stock.controller';
import { AvailabilityPublisher } from './application/availability-publisher';
import { ErpMasterData } from './application/erp-master-data';
import { IngestStockEvent } from './application/ingest-stock-event';
import { ReservationExpiry } from './application/reservation-expiry';
import { Reservations } from './application/reservations';
import type { InventoryServiceConfig } from './config/inventory-service.config';
import { OnErpMasterData } from './handlers/on-erp-master-data.handler';
import { OrderEventBatch } from './handlers/order-event-batch';
import { OnOrderCancelled } from './handlers/on-order-cancelled.handler';
import { OnOrderReceived } from './handlers/on-order-received.handler';
import { OnOrderShipmentRecorded } from './handlers/on-order-shipment-recorded.handler';
import { OnOrderValidated } from './handlers/on-order-validated.handler';
import { OnStockMovementReported } from './handlers/on-stock-movement-reported.handler';

@Module({})
export class AppModule {
  static forRoot(config: InventoryServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrationDirectories: [join(__dirname, 'persistence', 'migrations')],
          openApi: {
            title: 'Inventory Service',
            description: 'Stock ledger per SKU and location with explicit quantity types, reservations for orders and per-channel availability.',
            version: '1',
          },
          consumesEvents: true,
        }),
        ExceptionsModule.forRoot(),
      ],
      controllers: [StockController, StockSetupController, StockMovementsWebhook, OnStockMovementReported, OnErpMasterData, OnOrderReceived, OnOrderValidated, OnOrderCancelled, OnOrderShipmentRecorded],
      providers: [IngestStockEvent, ErpMasterData, Reservations, ReservationExpiry, AvailabilityPublisher, OrderEventBatch],
    };
  }
}
