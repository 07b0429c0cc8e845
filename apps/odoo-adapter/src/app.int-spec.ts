import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { odooAdapterConfigSchema } from './config/odoo-adapter.config';

describe('odoo-adapter', () => {
  describeServiceBasics({
    configSchema: odooAdapterConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'odoo_adapter',
    openApiTitle: 'Odoo Adapter',
  });
});
