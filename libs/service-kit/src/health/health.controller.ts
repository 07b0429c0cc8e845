import { checkKafka, checkSchemaRegistry, EventConsumers } from '@backbone/events';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { Knex } from 'knex';
import type { BaseConfig } from '../config/base.config';
import { kafkaConnection, schemaRegistryConnection } from '../config/connections';
import { DATABASE } from '../database/database.providers';
import { Public } from '../auth/auth.decorators';
import { HttpProblem } from '../errors/http-problem';
import { SERVICE_CONFIG } from '../service-kit.options';

// Dependencies are probed in parallel; keep the sum well under the orchestrator's probe timeout.
const PROBE_TIMEOUT_MS = 2000;
// The outer bound only catches a probe that ignores its own timeout.
const ATTEMPT_TIMEOUT_MS = PROBE_TIMEOUT_MS + 500;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
    private readonly consumers: EventConsumers,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** The service can do its work: its database, Kafka and the schema registry answer, and no consumer has crashed for good. */
  @Get('ready')
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiServiceUnavailableResponse({ description: 'A problem document whose `checks` name the failing dependencies' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        this.indicators
          .check('database')
          .attempt(async () => {
            await this.db.raw('select 1');
          })
          .withTimeout(ATTEMPT_TIMEOUT_MS),
        this.indicators
          .check('kafka')
          .attempt(() => checkKafka(kafkaConnection(this.config), PROBE_TIMEOUT_MS))
          .withTimeout(ATTEMPT_TIMEOUT_MS),
        this.indicators
          .check('schemaRegistry')
          .attempt(() => checkSchemaRegistry(schemaRegistryConnection(this.config), PROBE_TIMEOUT_MS))
          .withTimeout(ATTEMPT_TIMEOUT_MS),
        this.indicators.check('eventConsumers').attempt(async () => {
          const crashed = this.consumers.crashed();
          if (crashed.length > 0) throw new Error(`consumer groups stopped: ${crashed.join(', ')}`);
        }),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw notReady(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}

function notReady(result: HealthCheckResult): HttpProblem {
  const failing = Object.keys(result.error ?? {});
  return new HttpProblem({
    status: 503,
    code: 'SERVICE.NOT_READY',
    title: 'Service not ready',
    detail: failing.length > 0 ? `Unavailable: ${failing.join(', ')}` : `Health check status: ${result.status}`,
    extensions: { checks: result.details },
  });
}
