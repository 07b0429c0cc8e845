import { serviceConfigSchema } from '@backbone/service-kit';
import { z } from 'zod';

export const inventoryServiceConfigSchema = serviceConfigSchema({ serviceName: 'inventory-service', httpPort: 3102 }).extend({
  /** At most one AvailabilityChanged per channel and SKU per interval (the last one carries the latest figure). */
  AVAILABILITY_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
});

export type InventoryServiceConfig = z.output<typeof inventoryServiceConfigSchema>;
