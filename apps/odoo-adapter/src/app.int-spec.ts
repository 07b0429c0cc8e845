import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { odooAdapterConfigSchema } from './config/odoo-adapter.config';

describe('odoo-adapter', () => {
  describeServiceBasics({
    configSchema: odooAdapterConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'odoo_adapter',
    openApiTitle: 'Odoo Adapter',
    // Nothing listens there: the basics never call Odoo.
    env: { ODOO_URL: 'http://127.0.0.1:9', ODOO_DATABASE: 'odoo', ODOO_API_KEY: 'unused' },
  });
});
