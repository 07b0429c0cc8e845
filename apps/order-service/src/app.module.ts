import { join } from 'node:path';
import { ExceptionsModule } from '@backbone/exceptions';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelMappingsController } from './api/channel-mappings.controller';
import { ChannelStatusController } from './api/channel-status.controller';
import { OrderActionsController } from './api/order-actions.controller';
import { OrdersController } from './api/orders.controller';
import { ShipmentsWebhook } from './api/shipments.webhook';
import { EdiPurchaseOrders } from './application/edi-purchase-orders';
import { ErpOutcomes } from './application/erp-outcomes';
import { ExceptionRetries } from './application/exception-retries';
import { IdempotencyKeyExpiry } from './application/idempotency-key-expiry';
import { IntakeOrder } from './application/intake-order';
import { OperatorActions } from './application/operator-actions';
import { OrderChanges } from './application/order-changes';
import { RecordShipment } from './application/record-shipment';
import { ReservationOutcomes } from './application/reservation-outcomes';
import { ValidationGates } from './application/validation-gates';
import type { OrderServiceConfig } from './config/order-service.config';
import { OnErpSyncFailed } from './handlers/on-erp-sync-failed.handler';
import { OnErpSynced } from './handlers/on-erp-synced.handler';
import { OnExceptionResolved } from './handlers/on-exception-resolved.handler';
import { OnInvoiceChanged } from './handlers/on-invoice-changed.handler';
import { OnPartnerChanged } from './handlers/on-partner-changed.handler';
import { OnPricelistChanged } from './handlers/on-pricelist-changed.handler';
import { OnPurchaseOrderReceived } from './handlers/on-purchase-order-received.handler';
import { OnReservationDecided } from './handlers/on-reservation-decided.handler';
import { OnReservationReleased } from './handlers/on-reservation-released.handler';
import { OnShipmentConfirmed } from './handlers/on-shipment-confirmed.handler';
import { ChannelNotificationsModule } from './notifications/channel-notifications.module';

const handlers = [
  OnPartnerChanged,
  OnPricelistChanged,
  OnPurchaseOrderReceived,
  OnReservationDecided,
  OnReservationReleased,
  OnErpSynced,
  OnErpSyncFailed,
  OnInvoiceChanged,
  OnShipmentConfirmed,
  OnExceptionResolved,
];

@Module({})
export class AppModule {
  static forRoot(config: OrderServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrationDirectories: [join(__dirname, 'persistence', 'migrations')],
          openApi: {
            title: 'Order Service',
            description: 'System of record for order status across channels: intake, validation gates before the ERP, orchestration and fulfilment status.',
            version: '1',
          },
          consumesEvents: true,
        }),
        ExceptionsModule.forRoot(),
        ChannelNotificationsModule,
      ],
      controllers: [OrdersController, OrderActionsController, ChannelStatusController, ChannelMappingsController, ShipmentsWebhook, ...handlers],
      providers: [OrderChanges, ValidationGates, IntakeOrder, IdempotencyKeyExpiry, EdiPurchaseOrders, ReservationOutcomes, ErpOutcomes, RecordShipment, OperatorActions, ExceptionRetries],
    };
  }
}
