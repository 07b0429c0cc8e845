import { serviceConfigSchema } from '@backbone/service-kit';
import type { z } from 'zod';

export const returnsServiceConfigSchema = serviceConfigSchema({ serviceName: 'returns-service', httpPort: 3103 });

export type ReturnsServiceConfig = z.output<typeof returnsServiceConfigSchema>;
