import { Logger } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Kafka } from 'kafkajs';
import { BatchProcessor } from '../transport/batch-processor';
import { DeadLetters } from '../dead-letters/dead-letters';
import { EventProducer } from '../kafka/event-producer';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { createTestDatabase, createTestTopic, PING_TYPE, pingCodec, readTopic, testKafka, type TestDatabase } from '../testing';


describe('trace context across the Kafka hop', () => {
  const exporter = new InMemorySpanExporter();
  let kafka: Kafka;
  let database: TestDatabase;
  let producer: EventProducer;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    kafka = testKafka();
    database = await createTestDatabase();
    producer = new EventProducer(kafka);
  });

  afterAll(async () => {
    await producer.disconnect();
    await database.drop();
    trace.disable();
    context.disable();
  });

  it('continues one trace id from the publishing request to the consuming handler', async () => {
    const topic = await createTestTopic(kafka, 'test.trace', 1);
    const codec = pingCodec(topic);
    const outbox = new Outbox(codec, 'trace-test');
    const requestSpan = trace.getTracer('test').startSpan('POST /orders');
    await context.with(trace.setSpan(context.active(), requestSpan), () =>
      database.db.transaction((trx) => outbox.append(trx, { type: PING_TYPE, key: 'a', payload: { id: 'a', seq: 1, note: null } })),
    );
    requestSpan.end();
    const relay = new OutboxRelay(producer, { connectionString: database.url, pollIntervalMs: 50 });
    relay.start();
    const [record] = await readTopic(kafka, topic, 1);
    await relay.stop();

    let traceIdInHandler: string | undefined;
    const processor = new BatchProcessor({
      db: database.db,
      codec,
      deadLetters: new DeadLetters(producer, 'trace-group'),
      consumerGroup: 'trace-group',
      retry: { attempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      handlerFor: () => async () => {
        traceIdInHandler = trace.getActiveSpan()?.spanContext().traceId;
      },
      logger: new Logger('test'),
    });
    await processor.process(topic, 0, [record], { resolveOffset: () => undefined, heartbeat: async () => undefined });

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((span) => span.name === `${topic} publish`);
    const consume = spans.find((span) => span.name === `${topic} process`);
    expect(publish?.spanContext().traceId).toBe(requestSpan.spanContext().traceId);
    expect(consume?.spanContext().traceId).toBe(requestSpan.spanContext().traceId);
    expect(consume?.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
    expect(traceIdInHandler).toBe(requestSpan.spanContext().traceId);
  });
});
