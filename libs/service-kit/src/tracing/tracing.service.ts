import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { BaseConfig } from '../config/base.config';
import { SERVICE_CONFIG } from '../service-kit.options';
import { startTracing, type Tracing } from './start-tracing';

/** Ties tracing to the application's lifetime: started on init, flushed on shutdown. */
@Injectable()
export class TracingService implements OnModuleInit, OnApplicationShutdown {
  private tracing?: Tracing;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: BaseConfig) {}

  onModuleInit(): void {
    this.tracing = startTracing(this.config.SERVICE_NAME, this.config.OTEL_EXPORTER_OTLP_ENDPOINT);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}
