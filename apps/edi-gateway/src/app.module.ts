import { join } from 'node:path';
import { ServiceKitModule } from '@backbone/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { EdiGatewayConfig } from './config/edi-gateway.config';

@Module({})
export class AppModule {
  static forRoot(config: EdiGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot({
          config,
          migrationDirectories: [join(__dirname, 'persistence', 'migrations')],
          openApi: {
            title: 'EDI Gateway',
            description: 'X12 in and out: 850s become order requests; 855, 856, 810 and 997 go out per trading-partner profile.',
            version: '1',
          },
        }),
      ],
    };
  }
}
