import { EventsModule } from '@backbone/events';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Knex } from 'knex';
import { kafkaConnection, schemaRegistryConnection } from './config/connections';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { DATABASE, databaseProvider, DatabaseShutdown } from './database/database.providers';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { httpLoggerOptions } from './logging/http-logger.options';
import { MetricsController } from './metrics/metrics.controller';
import { SERVICE_CONFIG, SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';
import { TracingService } from './tracing/tracing.service';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * What every service runs on: JSON logs, tracing, authentication and roles on every HTTP route
 * (`AuthGuard`, `@SignedWebhook`), /metrics, /health/live and /health/ready, the migrated
 * database, problem-details errors, and the event machinery (`Outbox`, with its relay running in
 * the background). Global, so `SERVICE_CONFIG`, `DATABASE` and `Outbox` can be injected anywhere
 * in the app.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(options.config) }),
        TerminusModule.forRoot(),
        AuthModule.forRoot(options.config),
        WebhooksModule.forRoot(options.config),
        EventsModule.forRootAsync({
          inject: [DATABASE],
          useFactory: (db: Knex) => ({
            serviceName: options.config.SERVICE_NAME,
            kafka: kafkaConnection(options.config),
            schemaRegistry: schemaRegistryConnection(options.config),
            db,
            databaseUrl: options.config.DATABASE_URL,
            inbox: { retentionMs: options.config.INBOX_RETENTION_DAYS * 24 * 60 * 60 * 1000 },
          }),
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_KIT_OPTIONS, useValue: options },
        { provide: SERVICE_CONFIG, useValue: options.config },
        databaseProvider,
        DatabaseShutdown,
        TracingService,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [SERVICE_KIT_OPTIONS, SERVICE_CONFIG, DATABASE],
    };
  }
}
