import { join } from 'node:path';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { OdooAdapterConfig } from './config/odoo-adapter.config';
import { OdooModule } from './odoo/odoo.module';

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
        }),
        OdooModule,
      ],
    };
  }
}
