import { EVENTS_OPTIONS, Outbox, type EventsModuleOptions } from '@backbone/events';
import { DATABASE } from '@backbone/service-kit';
import { Inject, Injectable, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Knex } from 'knex';
import { ExceptionsController } from '../api/exceptions.controller';
import { reportOpenExceptions } from '../metrics';
import { ExceptionQueue, type RetryHandler } from '../queue/exception-queue';

export interface ExceptionsModuleOptions {
  /** The owning service; by default the events' `source` (SERVICE_NAME). */
  service?: string;
  /** Retry handlers by code; handlers that need injected collaborators register in `onModuleInit` instead. */
  retryHandlers?: Readonly<Record<string, RetryHandler>>;
}

/** Counts open exceptions for /metrics while the application runs. */
@Injectable()
class OpenExceptionsGauge implements OnModuleInit, OnModuleDestroy {
  private stop?: () => void;

  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  onModuleInit(): void {
    this.stop = reportOpenExceptions(this.db);
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}

/**
 * The service's exception queue: `ExceptionQueue` (injectable anywhere: global) and the
 * /exceptions API. Needs `DATABASE` and the events' `Outbox`, which `ServiceKitModule` provides;
 * the tables come from `createExceptionTables` in one of the service's migrations.
 */
@Module({})
export class ExceptionsModule {
  static forRoot(options: ExceptionsModuleOptions = {}): DynamicModule {
    return {
      module: ExceptionsModule,
      global: true,
      controllers: [ExceptionsController],
      providers: [
        {
          provide: ExceptionQueue,
          inject: [Outbox, EVENTS_OPTIONS],
          useFactory: (outbox: Outbox, events: EventsModuleOptions) => new ExceptionQueue(outbox, { service: options.service ?? events.serviceName, retryHandlers: options.retryHandlers }),
        },
        OpenExceptionsGauge,
      ],
      exports: [ExceptionQueue],
    };
  }
}
