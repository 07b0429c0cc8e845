import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  /** Flushes pending spans and unregisters the provider, so tracing can be started again. */
  shutdown(): Promise<void>;
}

/**
 * Registers the process-wide tracer provider: W3C trace-context propagation and an
 * AsyncLocalStorage context manager, so the active span follows async work. Spans are exported
 * over OTLP/HTTP only when `otlpEndpoint` (the collector's base URL) is given.
 */
export function startTracing(serviceName: string, otlpEndpoint?: string): Tracing {
  const exporter = otlpEndpoint ? new OTLPTraceExporter({ url: new URL('v1/traces', withTrailingSlash(otlpEndpoint)).href }) : undefined;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    spanProcessors: exporter ? [new BatchSpanProcessor(exporter)] : [],
  });
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
