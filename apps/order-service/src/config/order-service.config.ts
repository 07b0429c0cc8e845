import { serviceConfigSchema } from '@backbone/service-kit';
import type { z } from 'zod';

export const orderServiceConfigSchema = serviceConfigSchema({ serviceName: 'order-service', httpPort: 3101 });

export type OrderServiceConfig = z.output<typeof orderServiceConfigSchema>;
