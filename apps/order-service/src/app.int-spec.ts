import { describeServiceBasics } from '@backbone/service-kit/testing';
import { AppModule } from './app.module';
import { orderServiceConfigSchema } from './config/order-service.config';

describe('order-service', () => {
  describeServiceBasics({
    configSchema: orderServiceConfigSchema,
    rootModule: (config) => AppModule.forRoot(config),
    database: 'order_service',
    openApiTitle: 'Order Service',
  });
});
