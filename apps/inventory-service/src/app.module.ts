import { join } from 'node:path';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { InventoryServiceConfig } from './config/inventory-service.config';

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
        }),
      ],
    };
  }
}
