import { serviceConfigSchema } from '@backbone/service-kit';
import type { z } from 'zod';

export const inventoryServiceConfigSchema = serviceConfigSchema({ serviceName: 'inventory-service', httpPort: 3102 });

export type InventoryServiceConfig = z.output<typeof inventoryServiceConfigSchema>;
