import { join } from 'node:path';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { OrderServiceConfig } from './config/order-service.config';

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
        }),
      ],
    };
  }
}
