import { Logger } from '@nestjs/common';
import Bottleneck from 'bottleneck';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { CallOptions, Lane, OdooRpc } from './odoo-client';
import { OdooError, OdooErrorCode } from './odoo-error';
import { odooMetrics } from './odoo-metrics';
import type { OdooCallArgs, OdooServerVersion, OdooTransport } from './odoo-transport';

export interface ProtectionSettings {
  /** Calls in flight at once: Odoo's worker count (more only queue inside Odoo and time out). */
  workers: number;
  /** Calls started per second at most; 0 = no limit. */
  maxCallsPerSecond: number;
  /** Tries per call, the first included. */
  retryAttempts: number;
  retryInitialDelayMs: number;
  retryMaxDelayMs: number;
  /** Consecutive outage failures (unreachable, 5xx, timeout) that open the breaker. */
  breakerThreshold: number;
  /** How long the open breaker refuses calls before letting one through to probe. */
  breakerHalfOpenAfterMs: number;
}

// Bottleneck runs lower numbers first (0–9).
const LANE_PRIORITY: Record<Lane, number> = { writes: 2, default: 5, bulk: 8 };

/** Methods that change nothing: an ambiguous failure (timeout after sending) may be retried blindly. */
const READ_METHODS = new Set(['search_read', 'read', 'search', 'search_count', 'fields_get', 'name_search', 'version']);

const BREAKER_STATE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.Open]: 1,
  [CircuitState.HalfOpen]: 2,
  [CircuitState.Isolated]: 1,
};

const tracer = trace.getTracer('@backbone/odoo-adapter');

/**
 * The only way the adapter reaches Odoo. Per call: a CLIENT span; jittered exponential retries of
 * transient errors (honouring Retry-After, and never blind for a write whose outcome is unknown);
 * a circuit breaker that fails fast while Odoo is down; a priority queue that holds calls in
 * flight to Odoo's worker count and spaces their starts (rate limit), writes before bulk reads. Each try waits
 * for its own slot, so back-off never holds a worker.
 */
export class ProtectedOdooRpc implements OdooRpc {
  private readonly logger = new Logger('OdooClient');
  private readonly queue: Bottleneck;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly backoff = new DelegateBackoff((context: IRetryBackoffContext<unknown>) => this.delayBeforeRetry(context));

  constructor(
    private readonly transport: OdooTransport,
    private readonly settings: ProtectionSettings,
  ) {
    this.queue = new Bottleneck({
      maxConcurrent: settings.workers,
      minTime: settings.maxCallsPerSecond > 0 ? Math.ceil(1000 / settings.maxCallsPerSecond) : 0,
    });
    this.queue.on('queued', () => this.observeQueue());
    this.queue.on('executing', () => this.observeQueue());
    this.queue.on('done', () => this.observeQueue());
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof OdooError && isOutage(error)),
      { halfOpenAfter: settings.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakerThreshold) },
    );
    this.breaker.onStateChange((state) => {
      odooMetrics.breakerState.set(BREAKER_STATE[state]);
      this.logger.warn({ msg: 'Odoo circuit breaker changed state', state: CircuitState[state] });
    });
    odooMetrics.breakerState.set(0);
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return (['closed', 'open', 'half-open', 'open'] as const)[this.breaker.state];
  }

  call(model: string, method: string, args: OdooCallArgs, options: CallOptions): Promise<unknown> {
    return this.guard(model, method, options, () => this.transport.call(model, method, args));
  }

  version(): Promise<OdooServerVersion> {
    return this.guard('common', 'version', { lane: 'default' }, () => this.transport.version());
  }

  private guard<T>(model: string, method: string, options: CallOptions, work: () => Promise<T>): Promise<T> {
    const attributes = {
      'rpc.system': 'odoo',
      'rpc.service': model,
      'rpc.method': method,
      'odoo.api': this.transport.api,
      'odoo.lane': options.lane,
      ...(options.correlationId ? { 'backbone.correlation_id': options.correlationId } : {}),
    };
    return tracer.startActiveSpan(`odoo ${model}.${method}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      let attempts = 0;
      const policy = retry(
        handleWhen((error) => error instanceof OdooError && this.mayRetry(error, method)),
        { maxAttempts: this.settings.retryAttempts - 1, backoff: this.backoff },
      );
      policy.onRetry(({ delay, ...reason }) => {
        const error = 'error' in reason ? (reason.error as OdooError) : undefined;
        if (error) this.noteRetry(error, attempts, delay, options);
      });
      try {
        return await policy.execute(() => {
          attempts += 1;
          return this.once(model, method, options, work);
        });
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.setAttribute('odoo.attempts', attempts);
        span.end();
      }
    });
  }

  /** One try: through the breaker, then a queue slot, then the wire. */
  private async once<T>(model: string, method: string, options: CallOptions, work: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(() =>
        this.queue.schedule({ priority: LANE_PRIORITY[options.lane] }, async () => {
            const stopTimer = odooMetrics.rpcDuration.startTimer({ model, method });
            try {
              const result = await work();
              stopTimer({ outcome: 'ok' });
              return result;
            } catch (error) {
              stopTimer({ outcome: error instanceof OdooError ? error.code : 'unexpected' });
              throw error;
            }
        }),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new OdooError(OdooErrorCode.unavailable, 'Odoo is failing; the circuit breaker refuses calls for now', {
          model,
          method,
          circuitOpen: true,
        });
      }
      throw error;
    }
  }

  private mayRetry(error: OdooError, method: string): boolean {
    return error.retriable && (!error.odoo.mayHaveCommitted || READ_METHODS.has(method));
  }

  private noteRetry(error: OdooError, attempt: number, delayMs: number, options: CallOptions): void {
    odooMetrics.retries.inc({ code: error.code });
    this.logger.warn({
      msg: 'Odoo call failed, trying again',
      code: error.code,
      error: error.message,
      attempt,
      delay_ms: Math.round(delayMs),
      correlation_id: options.correlationId,
    });
  }

  /** Full-jitter exponential back-off; a server's Retry-After wins when it asks for longer. */
  private delayBeforeRetry(context: IRetryBackoffContext<unknown>): number {
    const { retryInitialDelayMs, retryMaxDelayMs } = this.settings;
    const ceiling = Math.min(retryMaxDelayMs, retryInitialDelayMs * 2 ** (context.attempt - 1));
    const jittered = Math.random() * ceiling;
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof OdooError ? (error.odoo.retryAfterMs ?? 0) : 0;
    return Math.max(jittered, Math.min(asked, retryMaxDelayMs * 6));
  }

  private observeQueue(): void {
    for (const [lane, priority] of Object.entries(LANE_PRIORITY)) odooMetrics.queueDepth.set({ lane }, this.queue.queued(priority));
    odooMetrics.inFlight.set(this.queue.counts().EXECUTING);
  }
}

function isOutage(error: OdooError): boolean {
  return error.code === OdooErrorCode.unavailable || error.code === OdooErrorCode.timeout;
}
