import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { ediGatewayConfigSchema } from './config/edi-gateway.config';

describe('edi-gateway', () => {
  describeServiceBasics({
    configSchema: ediGatewayConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'edi_gateway',
    openApiTitle: 'EDI Gateway',
  });
});
