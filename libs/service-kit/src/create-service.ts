import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { recordHttpMetrics } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/setup-openapi';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';
import { traceHttpRequests } from './tracing/http-tracing.middleware';

/**
 * Builds a service from its root module (which imports `ServiceKitModule.forRoot`), ready to
 * `listen` (or `init` in tests). Migrations have run when this resolves.
 */
export async function createService(rootModule: DynamicModule): Promise<INestApplication> {
  // abortOnError: false, so a failed start rejects instead of aborting the process.
  const app = await NestFactory.create(rootModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Registered before the modules' middleware (pino-http among them), so every request log line
  // already has its span.
  app.use(traceHttpRequests, recordHttpMetrics);
  app.enableShutdownHooks();
  setupOpenApi(app, app.get<ServiceKitOptions>(SERVICE_KIT_OPTIONS).openApi);
  return app;
}
