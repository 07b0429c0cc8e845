import { connectEvents } from '@backbone/events';
import { ConsoleLogger, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { recordHttpMetrics } from './metrics/http-metrics.middleware';
import { setupOpenApi } from './openapi/setup-openapi';
import { SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';
import { traceHttpRequests } from './tracing/http-tracing.middleware';

/**
 * Builds a service from its root module (which imports `ServiceKitModule.forRoot`), ready to
 * `listen` (or `init` in tests). Migrations have run when this resolves; the event consumer, when
 * the service has one, is connected (`startAllMicroservices` starts it).
 */
export async function createService(rootModule: DynamicModule): Promise<INestApplication> {
  // abortOnError: false, so a failed start rejects instead of aborting the process. Logs are
  // buffered for pino; if start-up fails first, they are flushed as JSON by Nest's own logger.
  const app = await NestFactory.create<NestExpressApplication>(rootModule, {
    bufferLogs: true,
    // Signed webhooks are verified over the body exactly as received (see @SignedWebhook).
    rawBody: true,
    abortOnError: false,
    logger: new ConsoleLogger({ json: true }),
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Registered before the modules' middleware (pino-http among them), so every request log line
  // already has its span.
  app.use(traceHttpRequests, recordHttpMetrics);
  app.enableShutdownHooks();
  const options = app.get<ServiceKitOptions>(SERVICE_KIT_OPTIONS);
  setupOpenApi(app, options.openApi);
  if (options.consumesEvents) {
    const { KAFKA_CONSUMER_GROUP, KAFKA_CONSUMER_START, KAFKA_PARTITIONS_CONCURRENTLY } = options.config;
    connectEvents(app, KAFKA_CONSUMER_GROUP, { fromBeginning: KAFKA_CONSUMER_START === 'earliest', partitionsConsumedConcurrently: KAFKA_PARTITIONS_CONCURRENTLY });
  }
  return app;
}
