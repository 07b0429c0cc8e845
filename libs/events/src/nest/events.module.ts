import { Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import { AvroCodec } from '../codec/avro-codec';
import { createBackboneCodec, type SchemaRegistryConnection } from '../codec/backbone-catalog';
import { createKafka, type KafkaConnection } from '../kafka/kafka-config';
import { EventProducer } from '../kafka/event-producer';
import { InboxJanitor, type InboxJanitorOptions } from '../inbox/inbox-janitor';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay';
import { connectEventServer, KafkaEventServer, type KafkaEventServerOptions } from '../transport/kafka-event-server';

export interface EventsModuleOptions {
  /** The `source` header of everything this service publishes. */
  serviceName: string;
  kafka: KafkaConnection;
  schemaRegistry: SchemaRegistryConnection;
  /** The service's own database (outbox, inbox, handler transactions). */
  db: Knex;
  databaseUrl: string;
  relay?: Omit<OutboxRelayOptions, 'connectionString'>;
  /** Inbox retention; default: 35 days (longer than the 30 days dead letters are kept for replay), purged hourly. */
  inbox?: Partial<InboxJanitorOptions>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_INBOX: InboxJanitorOptions = { retentionMs: 35 * DAY_MS, intervalMs: 60 * 60 * 1000 };

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

/** The event servers this application consumes with; readiness fails while one has crashed for good. */
@Injectable()
export class EventConsumers {
  private readonly servers = new Map<string, KafkaEventServer>();

  register(groupId: string, server: KafkaEventServer): void {
    this.servers.set(groupId, server);
  }

  /** Consumer groups whose consumer stopped and will not restart. */
  crashed(): string[] {
    return [...this.servers].filter(([, server]) => !server.healthy).map(([groupId]) => groupId);
  }
}

/** Starts the outbox relay with the application; drains it on shutdown. (The inbox janitor, a Retention, starts and stops itself.) */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly producer: EventProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect();
  }
}

/**
 * The event machinery for a service: `Outbox` to publish in a transaction, the relay running in
 * the background, and `connectEvents(app, groupId)` to consume with `@OnEvent` handlers.
 */
@Module({})
export class EventsModule {
  static forRootAsync(options: { imports?: DynamicModule['imports']; inject?: unknown[]; useFactory: (...args: never[]) => EventsModuleOptions | Promise<EventsModuleOptions> }): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: EVENTS_OPTIONS, useFactory: options.useFactory, inject: (options.inject ?? []) as never[] },
        { provide: AvroCodec, useFactory: (o: EventsModuleOptions) => createBackboneCodec(o.schemaRegistry), inject: [EVENTS_OPTIONS] },
        { provide: EventProducer, useFactory: (o: EventsModuleOptions) => new EventProducer(createKafka(o.kafka)), inject: [EVENTS_OPTIONS] },
        { provide: Outbox, useFactory: (codec: AvroCodec, o: EventsModuleOptions) => new Outbox(codec, o.serviceName), inject: [AvroCodec, EVENTS_OPTIONS] },
        {
          provide: OutboxRelay,
          useFactory: (producer: EventProducer, o: EventsModuleOptions) => new OutboxRelay(producer, { ...o.relay, connectionString: o.databaseUrl }),
          inject: [EventProducer, EVENTS_OPTIONS],
        },
        { provide: InboxJanitor, useFactory: (o: EventsModuleOptions) => new InboxJanitor(o.db, { ...DEFAULT_INBOX, ...o.inbox }), inject: [EVENTS_OPTIONS] },
        RelayLifecycle,
        EventConsumers,
      ],
      exports: [EVENTS_OPTIONS, AvroCodec, EventProducer, Outbox, OutboxRelay, InboxJanitor, EventConsumers],
    };
  }
}

/** Connects the Kafka event server for this app's `@OnEvent` handlers; start with `app.startAllMicroservices()`. */
export function connectEvents(app: INestApplication, groupId: string, overrides: Partial<KafkaEventServerOptions> = {}): KafkaEventServer {
  const options = app.get<EventsModuleOptions>(EVENTS_OPTIONS);
  const server = new KafkaEventServer({ kafka: options.kafka, groupId, db: options.db, codec: app.get(AvroCodec), ...overrides });
  connectEventServer(app, server);
  app.get(EventConsumers).register(groupId, server);
  return server;
}
