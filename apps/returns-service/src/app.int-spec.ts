import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { returnsServiceConfigSchema } from './config/returns-service.config';

describe('returns-service', () => {
  describeServiceBasics({
    configSchema: returnsServiceConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'returns_service',
    openApiTitle: 'Returns Service',
  });
});
