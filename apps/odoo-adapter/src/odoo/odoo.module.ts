import { SERVICE_CONFIG } from '@backbone/service-kit';
import { Global, Module } from '@nestjs/common';
import type { OdooAdapterConfig } from '../config/odoo-adapter.config';
import { createOdooClient } from './create-odoo-client';
import { OdooClient } from './odoo-client';

/** Provides the guarded OdooClient (one per process, so its limits hold for every caller). */
@Global()
@Module({
  providers: [{ provide: OdooClient, inject: [SERVICE_CONFIG], useFactory: (config: OdooAdapterConfig) => createOdooClient(config).client }],
  exports: [OdooClient],
})
export class OdooModule {}
