import { Logger, type DynamicModule } from '@nestjs/common';
import type { z } from 'zod';
import { ConfigError } from './config/config.error';
import { loadConfig, type ConfigSchema } from './config/load-config';
import { createService } from './create-service';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';

/**
 * A service's whole `main`: parse the configuration (exit 1 listing every problem), build the
 * app, start its event consumer (if any), listen on HTTP_PORT. Never rejects: a failed start is reported and exits with code 1.
 */
export async function bootstrapService<S extends ConfigSchema>(
  schema: S,
  rootModule: (config: z.output<S>) => DynamicModule,
  env?: Record<string, string | undefined>,
): Promise<void> {
  let config: z.output<S>;
  try {
    config = loadConfig(schema, env);
  } catch (error) {
    return exit(error instanceof ConfigError ? error.message : `Cannot read the configuration: ${String(error)}`);
  }
  try {
    const app = await createService(rootModule(config));
    const { HTTP_PORT } = app.get<ServiceKitOptions>(SERVICE_KIT_OPTIONS).config;
    await app.startAllMicroservices();
    await app.listen(HTTP_PORT);
    new Logger('bootstrap').log(`Listening on port ${HTTP_PORT}`);
  } catch (error) {
    exit(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

function exit(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
