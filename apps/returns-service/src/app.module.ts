import { join } from 'node:path';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ReturnsServiceConfig } from './config/returns-service.config';

@Module({})
export class AppModule {
  static forRoot(config: ReturnsServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrationDirectories: [join(__dirname, 'persistence', 'migrations')],
          openApi: {
            title: 'Returns Service',
            description: 'RMA lifecycle: authorization, receipt, inspection, disposition and refund.',
            version: '1',
          },
        }),
      ],
    };
  }
}
