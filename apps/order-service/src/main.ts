import { bootstrapService } from '@backbone/service-kit';
import { AppModule } from './app.module';
import { orderServiceConfigSchema } from './config/order-service.config';

void bootstrapService(orderServiceConfigSchema, (config) => AppModule.forRoot(config));
