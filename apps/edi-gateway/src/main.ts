import { bootstrapService } from '@backbone/service-kit';
import { AppModule } from './app.module';
import { ediGatewayConfigSchema } from './config/edi-gateway.config';

void bootstrapService(ediGatewayConfigSchema, (config) => AppModule.forRoot(config));
