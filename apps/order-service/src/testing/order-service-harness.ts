// Test harness for the order-service int-specs: the real app on a fresh database of its own,
// with helpers to seed the ERP projections as the master-data handlers would.
import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, testKafka, testStack, waitForConsumerGroup, type TestDatabase } from '@backbone/events/testing';
import { createService, loadConfig } from '@backbone/service-kit';
import { stackEnv } from '@backbone/service-kit/testing';
import type { EventName, EventPayloads, PartnerChanged, PricelistChanged } from '@backbone/schemas';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../app.module';
import { orderServiceConfigSchema } from '../config/order-service.config';
import type { OrderRequestBody } from '../domain';
import { aBody } from '../domain/testing/order-builders';
import { MasterDataRepository } from '../persistence/master-data.repository';

export interface Harness {
  app: INestApplication;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const database = await createTestDatabase({ eventTables: false });
  const app = await createService(AppModule.forRoot(loadConfig(orderServiceConfigSchema, { ...stackEnv('unused'), DATABASE_URL: database.url, ...env })));
  await app.init();
  return {
    app,
    database,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export async function seedCustomer(harness: Harness, customer: Partial<PartnerChanged> & { ref: string }): Promise<void> {
  const partner: PartnerChanged = {
    partnerId: 100,
    parentId: null,
    name: 'ACME GmbH',
    isCompany: true,
    email: null,
    vat: null,
    address: null,
    creditLimit: null,
    onCreditHold: false,
    active: true,
    pricelistId: null,
    changedAt: new Date(),
    ...customer,
  };
  await harness.database.db.transaction((trx) => MasterDataRepository.saveCustomer(trx, { ...partner, ref: customer.ref }));
}

/** A pricelist with one open-ended price per SKU (from quantity 1, in Units). */
export async function seedPricelist(harness: Harness, pricelistId: number, prices: Record<string, string>, currency = 'EUR'): Promise<void> {
  const pricelist: PricelistChanged = {
    pricelistId,
    name: `pricelist ${pricelistId}`,
    currency,
    active: true,
    changedAt: new Date(),
    items: Object.entries(prices).map(([sku, amount], index) => ({ productId: index + 1, sku, minQuantity: { value: '1', uom: 'Units' }, price: { amount, currency }, dateStart: null, dateEnd: null })),
  };
  await harness.database.db.transaction((trx) => MasterDataRepository.savePricelist(trx, pricelist));
}

/** An intake body (the domain specs' fixture) with an external order id of its own. */
export function orderBody(overrides: Partial<OrderRequestBody> = {}): OrderRequestBody {
  return aBody({ externalOrderId: `WS-${Math.random().toString(36).slice(2, 10)}`, ...overrides });
}

/** Starts the app's event consumer (group `group`, from the latest offsets) and waits until it has joined. */
export async function startConsuming(harness: Harness, group: string): Promise<void> {
  await harness.app.startAllMicroservices();
  await waitForConsumerGroup(group);
}

/** Publishes catalog events as another service would (no outbox: straight to Kafka). */
export function eventPublisher(source: string) {
  const producer = new EventProducer(testKafka(`${source}-stand-in`));
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, source);
  return {
    publish: <N extends EventName>(type: N, key: string, payload: EventPayloads[N]): Promise<string[]> => publisher.publish([{ type, key, payload }]),
    close: () => producer.disconnect(),
  };
}
