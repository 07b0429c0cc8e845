import { bootstrapService } from '@backbone/service-kit';
import { AppModule } from './app.module';
import { inventoryServiceConfigSchema } from './config/inventory-service.config';

void bootstrapService(inventoryServiceConfigSchema, (config) => AppModule.forRoot(config));
