import { bootstrapService } from '@backbone/service-kit';
import { AppModule } from './app.module';
import { returnsServiceConfigSchema } from './config/returns-service.config';

void bootstrapService(returnsServiceConfigSchema, (config) => AppModule.forRoot(config));
