import { Catch, Logger, type INestApplication, type RpcExceptionFilter } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MicroserviceOptions } from '@nestjs/microservices';
import { backOff } from 'exponential-backoff';
import type { Consumer } from 'kafkajs';
import type { Knex } from 'knex';
import { isObservable, lastValueFrom, throwError, type Observable } from 'rxjs';
import type { AvroCodec } from '../codec/avro-codec';
import { createKafka, type KafkaConnection } from '../kafka/kafka-config';
import { EventProducer } from '../kafka/event-producer';
import { eventMetrics } from '../metrics';
import { BatchProcessor, type EventHandlerFn } from './batch-processor';
import { DeadLetters } from '../dead-letters/dead-letters';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';

export interface KafkaEventServerOptions {
  kafka: KafkaConnection;
  /** Consumer group; also the inbox's namespace. */
  groupId: string;
  /** The service database: handlers write in its transactions, the inbox lives there. */
  db: Knex;
  codec: AvroCodec;
  retry?: Partial<RetryPolicy>;
  /** Partitions processed in parallel (each still in order); needs as many database connections. Default 3. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
  /** Where a new consumer group starts; existing groups resume from their committed offsets. */
  fromBeginning?: boolean;
  maxBytesPerPartition?: number;
  /** How long the broker may hold a fetch while no data arrives; default 100 ms. */
  maxWaitTimeMs?: number;
}

/**
 * A Nest transport strategy: `@EventPattern('<event full name>')` methods become Kafka handlers.
 * Subscribes to the topics of the handled event types, decodes Avro through the registry, and
 * hands each batch to the BatchProcessor (inbox, one transaction per batch, retries, dead letters).
 * Offsets are committed only after the batch's transaction.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private consumer?: Consumer;
  private readonly producer: EventProducer;
  private readonly processor: BatchProcessor;
  private crashed?: Error;
  private joined!: Promise<void>;
  private readonly handlers = new Map<string, EventHandlerFn | undefined>();

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    const kafka = createKafka(options.kafka);
    this.producer = new EventProducer(kafka);
    this.processor = new BatchProcessor({
      db: options.db,
      codec: options.codec,
      deadLetters: new DeadLetters(this.producer, options.groupId),
      consumerGroup: options.groupId,
      retry: { ...defaultRetryPolicy, ...options.retry },
      handlerFor: (eventType) => this.handlerFor(eventType),
      logger: new Logger(`KafkaEventServer:${options.groupId}`),
    });
  }

  /** False after the consumer crashed for good; readiness reports it. */
  get healthy(): boolean {
    return this.crashed === undefined;
  }

  /** Resolves once the consumer has joined its group and received its partitions. */
  whenJoined(): Promise<void> {
    return this.joined;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer.disconnect();
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /**
   * Starts consuming. A broker that is still coming up, or topics created a moment ago whose
   * partitions are not yet known everywhere, fail the first attempts with retriable errors:
   * those are retried with backoff for about a minute instead of failing the service's start.
   */
  private async start(): Promise<void> {
    await backOff(() => this.startConsumer(), {
      numOfAttempts: 12,
      startingDelay: 250,
      maxDelay: 8000,
      timeMultiple: 2,
      retry: async (error: Error & { retriable?: boolean }) => {
        await this.consumer?.disconnect().catch(() => undefined);
        if (error.retriable === false || !error.name?.startsWith('KafkaJS')) return false;
        this.logger.warn(`consumer ${this.options.groupId} could not start yet (${error.message}); retrying`);
        return true;
      },
    });
  }

  private async startConsumer(): Promise<void> {
    const eventTypes = [...this.messageHandlers.keys()];
    const topics = [...new Set(eventTypes.map((eventType) => this.options.codec.topicOf(eventType)))];
    const kafka = createKafka(this.options.kafka);
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      // The broker answers a fetch as soon as data arrives; the bound only matters when a partition is idle.
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 100,
      allowAutoTopicCreation: false,
      retry: {
        retries: 8,
        restartOnFailure: async (error) => {
          this.logger.error(`consumer ${this.options.groupId} failed, restarting: ${error.message}`);
          return true;
        },
      },
    });
    this.joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.crashed = payload.error;
    });
    this.consumer = consumer;
    await this.producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
        await this.processor.process(batch.topic, batch.partition, batch.messages, { resolveOffset, heartbeat });
        await commitOffsetsIfNecessary();
        eventMetrics.consumerLag.set({ topic: batch.topic, partition: String(batch.partition), group: this.options.groupId }, Number(batch.offsetLag()));
      },
    });
    this.logger.log(`consuming ${topics.join(', ')} as ${this.options.groupId} for ${eventTypes.length} event types`);
  }

  /** Nest's pattern lookup parses the pattern on every call, so handlers are resolved once per event type. */
  private handlerFor(eventType: string): EventHandlerFn | undefined {
    if (!this.handlers.has(eventType)) {
      const handler = this.getHandlerByPattern(eventType);
      const run: EventHandlerFn | undefined = handler
        ? async (payload, context) => {
            const result: unknown = await handler(payload, context);
            if (isObservable(result)) await lastValueFrom(result as Observable<unknown>, { defaultValue: undefined });
          }
        : undefined;
      this.handlers.set(eventType, run);
    }
    return this.handlers.get(eventType);
  }
}

/** Lets handler errors reach the transport unchanged, so it can tell retriable from permanent. */
@Catch()
export class RethrowEventErrors implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** Connects the event server to a Nest application; start it with `app.startAllMicroservices()`. */
export function connectEventServer(app: INestApplication, server: KafkaEventServer): void {
  app.connectMicroservice<MicroserviceOptions>({ strategy: server });
}
