import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { DATABASE, databaseProvider, DatabaseShutdown } from './database/database.providers';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { httpLoggerOptions } from './logging/http-logger.options';
import { MetricsController } from './metrics/metrics.controller';
import { SERVICE_CONFIG, SERVICE_KIT_OPTIONS, type ServiceKitOptions } from './service-kit.options';
import { TracingService } from './tracing/tracing.service';

/**
 * What every service runs on: JSON logs, tracing, /metrics, /health/live and /health/ready, the
 * migrated database and problem-details errors. Global, so `SERVICE_CONFIG` and `DATABASE` can be
 * injected anywhere in the app.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: httpLoggerOptions(options.config) }), TerminusModule.forRoot()],
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
