import { serviceConfigSchema } from '@backbone/service-kit';
import type { z } from 'zod';

export const odooAdapterConfigSchema = serviceConfigSchema({ serviceName: 'odoo-adapter', httpPort: 3104 });

export type OdooAdapterConfig = z.output<typeof odooAdapterConfigSchema>;
