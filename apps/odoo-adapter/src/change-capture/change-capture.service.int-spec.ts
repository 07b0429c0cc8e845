import { createTestDatabase, ensureCatalogTopics, eventually, uniqueName, watchTopics, type SeenEvent, type TestDatabase, type TopicWatch } from '@backbone/events/testing';
import { startOdooSimulator, type OdooSimulator } from '@backbone/odoo-simulator';
import { createService, loadConfig } from '@backbone/service-kit';
import { stackEnv } from '@backbone/service-kit/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { AppModule } from '../app.module';
import { odooAdapterConfigSchema } from '../config/odoo-adapter.config';
import { odooSettingsFor } from '../testing/odoo-settings';

/** The running adapter polls Odoo on its schedule and its relay publishes master data on erp.masterdata.v1. */
describe('odoo-adapter change capture, as a service', () => {
  let odoo: OdooSimulator;
  let database: TestDatabase;
  let app: INestApplication;
  let masterData: TopicWatch;
  const sku = uniqueName('SKU');

  beforeAll(async () => {
    await ensureCatalogTopics();
    odoo = await startOdooSimulator({ version: 18 });
    database = await createTestDatabase({ eventTables: false });
    masterData = await watchTopics(['erp.masterdata.v1']);
    const integration = odooSettingsFor(odoo, 'jsonrpc');
    const config = loadConfig(odooAdapterConfigSchema, {
      ...stackEnv('unused'),
      DATABASE_URL: database.url,
      KAFKA_CONSUMER_GROUP: uniqueName('odoo-adapter'),
      KAFKA_CONSUMER_START: 'latest',
      ODOO_URL: integration.ODOO_URL,
      ODOO_DATABASE: integration.ODOO_DATABASE,
      ODOO_API_KEY: integration.ODOO_API_KEY,
      ODOO_API: 'jsonrpc',
      ODOO_LOGIN: integration.ODOO_LOGIN!,
      CHANGE_CAPTURE_POLL_MS: '200',
      CHANGE_CAPTURE_MODELS: JSON.stringify({ 'res.partner': { pollMs: 3_600_000 } }),
      RECONCILIATION_INTERVAL_MS: '0',
    });
    app = await createService(AppModule.forRoot(config));
    await app.init();
  }, 120_000);

  afterAll(async () => {
    await masterData?.stop();
    await app?.close();
    await odoo?.stop();
    await database?.drop();
  });

  const productEvents = () =>
    masterData.seen().filter((event): event is SeenEvent<'backbone.erp.ProductChanged'> => event.type === 'backbone.erp.ProductChanged').filter((event) => event.payload.sku === sku);

  it('publishes a new product, then its archiving, each once', async () => {
    const product = odoo.seed.product({ name: 'Impact driver', default_code: sku, list_price: 89 });
    await eventually(async () => productEvents().length === 1, 30_000, 'ProductChanged');
    expect(productEvents()[0]).toMatchObject({ key: String(product), payload: { productId: product, name: 'Impact driver', listPrice: { amount: '89', currency: 'EUR' }, active: true } });

    await new Promise((resolve) => setTimeout(resolve, 1100)); // a later second: a new write_date
    odoo.orm.write('product.product', [product], { active: false });
    await eventually(async () => productEvents().length === 2, 30_000, 'ProductChanged (archived)');
    expect(productEvents()[1].payload).toMatchObject({ active: false });

    await new Promise((resolve) => setTimeout(resolve, 1000)); // several more passes re-read the overlap
    expect(productEvents()).toHaveLength(2);
    const metrics = (await request(app.getHttpServer()).get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/odoo_change_capture_events_total\{model="product.product"\} [1-9]/);
  });
});
