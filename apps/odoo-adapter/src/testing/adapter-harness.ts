import { createBackboneCodec, EventProducer, EventPublisher, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, testKafka, testStack, uniqueName, waitForConsumerGroup, watchTopics, type TestDatabase, type TopicWatch } from '@backbone/events/testing';
import { seedDemoCatalog, startOdooSimulator, type OdooSimulator, type OdooVersion } from '@backbone/odoo-simulator';
import type { OrderReceived } from '@backbone/schemas';
import { createService, loadConfig } from '@backbone/service-kit';
import { stackEnv } from '@backbone/service-kit/testing';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../app.module';
import { odooAdapterConfigSchema } from '../config/odoo-adapter.config';
import { odooSettingsFor } from './odoo-settings';

export interface RunningAdapter {
  app: INestApplication;
  database: TestDatabase;
  /** Publishes as the order-service would. */
  publish(events: OutgoingEvent[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The odoo-adapter in this process on a fresh database, consuming from Kafka with its own group
 * (from the topics' end) and writing into `odoo`; fast polls and retries so specs stay short.
 */
export async function startAdapter(odoo: OdooSimulator, api: 'json2' | 'jsonrpc', overrides: Record<string, string> = {}): Promise<RunningAdapter> {
  await ensureCatalogTopics();
  const database = await createTestDatabase({ eventTables: false });
  const group = uniqueName('odoo-adapter-it');
  const odooEnv = Object.fromEntries(Object.entries(odooSettingsFor(odoo, api)).map(([key, value]) => [key, String(value)]));
  const config = loadConfig(odooAdapterConfigSchema, {
    ...stackEnv('unused'),
    ...odooEnv,
    DATABASE_URL: database.url,
    KAFKA_CONSUMER_GROUP: group,
    KAFKA_CONSUMER_START: 'latest',
    SYNC_IDLE_POLL_MS: '20',
    SYNC_RETRY_MAX_DELAY_MS: '500',
    ...overrides,
  });
  const app = await createService(AppModule.forRoot(config));
  await app.startAllMicroservices();
  await app.init();
  await waitForConsumerGroup(group);
  const producer = new EventProducer(testKafka('order-service-stand-in'));
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'order-service');
  return {
    app,
    database,
    publish: async (events) => {
      await publisher.publish(events);
    },
    stop: async () => {
      await app.close();
      await producer.disconnect();
      await database.drop();
    },
  };
}

export interface AdapterOnOdoo {
  odoo: OdooSimulator;
  adapter: RunningAdapter;
  /** Watches erp.sync.v1 for the adapter's outcomes. */
  erp: TopicWatch;
  stop(): Promise<void>;
}

/** A simulator with the demo catalog, the adapter writing into it, and a watch on its outcomes. */
export async function startAdapterOnOdoo(version: OdooVersion, api: 'json2' | 'jsonrpc', overrides: Record<string, string> = {}): Promise<AdapterOnOdoo> {
  const odoo = await startOdooSimulator({ version, seed: (seed) => void seedDemoCatalog(seed) });
  const adapter = await startAdapter(odoo, api, overrides);
  const erp = await watchTopics(['erp.sync.v1']);
  return {
    odoo,
    adapter,
    erp,
    stop: async () => {
      await erp.stop();
      await adapter.stop();
      await odoo.stop();
    },
  };
}

const address = { name: 'Ada', street: '1 Main St', street2: null, city: 'Lyon', postalCode: '69001', region: null, countryCode: 'FR', phone: null, email: null };

/** OrderReceived for `customerId` with one line per [sku, quantity, unit price]. */
export function orderReceived(orderId: string, customerId: string, lines: Array<[sku: string, quantity: string, price: string]>): OutgoingEvent<OrderReceived> {
  return {
    type: 'backbone.orders.OrderReceived',
    key: orderId,
    correlationId: `corr-${orderId}`,
    payload: {
      orderId,
      channel: 'web',
      externalOrderId: `ext-${orderId}`,
      customer: { customerId, channelCustomerId: null, name: customerId, email: null },
      billTo: address,
      shipTo: address,
      lines: lines.map(([sku, value, amount], index) => ({ lineId: String(index + 1), sku, quantity: { value, uom: 'Units' }, unitPrice: { amount, currency: 'EUR' } })),
      requestedDate: null,
      notes: null,
      placedAt: new Date(),
    },
  };
}

export function orderReserved(orderId: string, eventId?: string): OutgoingEvent {
  return { type: 'backbone.orders.OrderReserved', key: orderId, correlationId: `corr-${orderId}`, eventId, payload: { orderId, lines: [] } };
}
