import { uniqueName, type TopicWatch } from '@backbone/events/testing';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { orderReceived, orderReserved, startAdapterOnOdoo, type RunningAdapter, type AdapterOnOdoo } from '../testing/adapter-harness';

describe('trace context from the order event to the Odoo calls', () => {
  const exporter = new InMemorySpanExporter();
  let adapter: RunningAdapter;
  let erp: TopicWatch;
  let env: AdapterOnOdoo;

  beforeAll(async () => {
    // Registered before the service's own provider, which then stays unregistered.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    env = await startAdapterOnOdoo(19, 'json2');
    ({ adapter, erp } = env);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    trace.disable();
    context.disable();
  });

  it('writes the sale order in spans of the trace that published OrderReserved', async () => {
    const orderId = uniqueName('order-traced');
    const requestSpan = trace.getTracer('test').startSpan('POST /orders');
    await context.with(trace.setSpan(context.active(), requestSpan), () => adapter.publish([orderReceived(orderId, 'C-ACME', [['SKU-1001', '1', '115']]), orderReserved(orderId)]));
    requestSpan.end();

    await erp.waitFor('backbone.erp.ErpSynced', (event) => event.subjectId === orderId);

    const traceId = requestSpan.spanContext().traceId;
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    expect(spans.map((span) => span.name)).toEqual(expect.arrayContaining(['erp sync sale-order', 'odoo sale.order.create', 'odoo sale.order.action_confirm']));
    const create = spans.find((span) => span.name === 'odoo sale.order.create')!;
    expect(create.attributes).toMatchObject({ 'rpc.system': 'odoo', 'odoo.api': 'json2', 'odoo.lane': 'writes', 'backbone.correlation_id': `corr-${orderId}`, 'odoo.attempts': 1 });
  });
});
