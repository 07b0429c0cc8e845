import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { inventoryServiceConfigSchema } from './config/inventory-service.config';

describe('inventory-service', () => {
  describeServiceBasics({
    configSchema: inventoryServiceConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'inventory_service',
    openApiTitle: 'Inventory Service',
  });
});
