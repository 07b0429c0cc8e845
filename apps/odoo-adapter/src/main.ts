import { bootstrapService } from '@backbone/service-kit';
import { AppModule } from './app.module';
import { odooAdapterConfigSchema } from './config/odoo-adapter.config';

void bootstrapService(odooAdapterConfigSchema, (config) => AppModule.forRoot(config));
