import { serviceConfigSchema } from '@backbone/service-kit';
import type { z } from 'zod';

export const ediGatewayConfigSchema = serviceConfigSchema({ serviceName: 'edi-gateway', httpPort: 3105 });

export type EdiGatewayConfig = z.output<typeof ediGatewayConfigSchema>;
