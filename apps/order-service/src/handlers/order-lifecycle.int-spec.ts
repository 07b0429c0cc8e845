import { ensureCatalogTopics, eventually, uniqueName } from '@backbone/events/testing';
import { signWebhook } from '@backbone/service-kit';
import { TEST_WEBHOOK_SECRET } from '@backbone/service-kit/testing';
import { eventPublisher, orderBody, startConsuming, startHarness, type Harness } from '../testing/order-service-harness';

const units = (value: string) => ({ value, uom: 'Units' });
const address = { name: 'Buyer Inc', street: '1 Main St', street2: null, city: 'Springfield', postalCode: '12345', region: null, countryCode: 'US', phone: null, email: null };

/** The order lifecycle driven by the events other services publish, consumed from Kafka. */
describe('order lifecycle from consumed events', () => {
  let harness: Harness;
  const erp = eventPublisher('odoo-adapter');
  const inventory = eventPublisher('inventory-service');
  const warehouse = eventPublisher('wms-east');
  const edi = eventPublisher('edi-gateway');
  const customerId = uniqueName('cust');

  const statusOf = async (orderId: string) => (await harness.http().get(`/orders/${orderId}`).expect(200)).body;
  const reachStatus = async (orderId: string, status: string) => {
    await eventually(async () => (await statusOf(orderId)).status === status, 30_000, `order ${orderId} ${status}`);
    return statusOf(orderId);
  };
  const validatedOrder = async (lines = [{ sku: 'SKU-A', quantity: '10', unit: 'Units', unitPrice: '2.50' }, { sku: 'SKU-B', quantity: '4', unit: 'Units', unitPrice: '10' }]) => {
    const response = await harness.http().post('/orders').send(orderBody({ customer: { customerId, name: 'ACME' }, lines })).expect(201);
    expect(response.body.status).toBe('VALIDATED');
    return response.body.orderId as string;
  };
  const reserve = (orderId: string, reserved: Record<string, string>, requested: Record<string, string>) =>
    inventory.publish(Object.values(reserved).every((value, i) => value === Object.values(requested)[i]) ? 'backbone.inventory.ReservationConfirmed' : 'backbone.inventory.ReservationPartial', orderId, {
      orderId,
      lines: Object.keys(requested).map((sku) => ({ sku, locationId: 'WH-1', requested: units(requested[sku]), reserved: units(reserved[sku] ?? '0') })),
    });
  const synced = (orderId: string, name: string) =>
    erp.publish('backbone.erp.ErpSynced', orderId, { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', odooIds: [42], externalId: `backbone.order_${orderId}`, sourceEventType: 'backbone.orders.OrderReserved', subjectId: orderId, odooName: name });
  const shipmentWebhook = (body: object) => harness.http().post('/webhooks/shipments').set('content-type', 'application/json').set('X-Signature', signWebhook(TEST_WEBHOOK_SECRET, JSON.stringify(body))).send(JSON.stringify(body));

  beforeAll(async () => {
    await ensureCatalogTopics();
    const group = uniqueName('order-service-lifecycle');
    harness = await startHarness({ KAFKA_CONSUMER_GROUP: group, KAFKA_CONSUMER_START: 'latest' });
    await startConsuming(harness, group);
    await erp.publish('backbone.erp.PricelistChanged', '7', {
      pricelistId: 7,
      name: 'Retail',
      currency: 'EUR',
      active: true,
      changedAt: new Date(),
      items: [
        { productId: 1, sku: 'SKU-A', minQuantity: units('1'), price: { amount: '2.50', currency: 'EUR' }, dateStart: null, dateEnd: null },
        { productId: 2, sku: 'SKU-B', minQuantity: units('1'), price: { amount: '10', currency: 'EUR' }, dateStart: null, dateEnd: null },
      ],
    });
    await erp.publish('backbone.erp.PartnerChanged', '900', {
      partnerId: 900, parentId: null, name: 'ACME', isCompany: true, email: null, vat: null, address: null, creditLimit: null, onCreditHold: false, active: true, ref: customerId, pricelistId: 7, changedAt: new Date(),
    });
    await eventually(async () => (await harness.database.db('customer_account').where({ customer_id: customerId }).first()) !== undefined, 30_000, 'the customer synced');
  }, 120_000);

  afterAll(async () => {
    await Promise.all([erp.close(), inventory.close(), warehouse.close(), edi.close()]);
    await harness?.close();
  });

  it('takes an order from VALIDATED to INVOICED: reserved, confirmed in the ERP, released, shipped in two shipments, invoiced', async () => {
    const orderId = await validatedOrder();

    await reserve(orderId, { 'SKU-A': '10', 'SKU-B': '4' }, { 'SKU-A': '10', 'SKU-B': '4' });
    const reserved = await reachStatus(orderId, 'RESERVED');
    expect(reserved.lines.map((line: { reserved: string }) => line.reserved)).toEqual(['10', '4']);

    await synced(orderId, 'S00042');
    const released = await reachStatus(orderId, 'RELEASED');
    expect(released.erp).toEqual({ orderId: 42, orderName: 'S00042' });

    const first = { orderId, shipmentId: 'SH-1', sourceSystem: 'wms-east', locationId: 'WH-1', carrier: 'dhl', trackingNumber: 'T1', shippedAt: '2026-11-23T12:00:00Z', lines: [{ lineId: '1', sku: 'SKU-A', shipped: units('6'), backordered: units('4') }, { lineId: '2', sku: 'SKU-B-ALT', shipped: units('4'), backordered: units('0') }] };
    const recorded = await shipmentWebhook(first).expect(200);
    const repeated = await shipmentWebhook(first).expect(200);
    expect(recorded.body.order).toMatchObject({ status: 'BACKORDERED', lines: [{ shipped: '6', backordered: '4', reserved: '4' }, { shipped: '4', substitutions: [{ sku: 'SKU-B-ALT', quantity: '4', shipmentId: 'wms-east/SH-1' }] }] });
    expect(repeated.body).toEqual({ outcome: 'DUPLICATE' });

    await warehouse.publish('backbone.fulfilment.ShipmentConfirmed', orderId, { ...first, shipmentId: 'SH-2', shippedAt: new Date(), lines: [{ lineId: '1', sku: 'SKU-A', shipped: units('4'), backordered: units('0') }] });
    await reachStatus(orderId, 'SHIPPED');

    await erp.publish('backbone.erp.InvoiceChanged', '555', {
      invoiceId: 555, name: 'INV/2026/00555', moveType: 'OUT_INVOICE', partnerId: 900, origin: 'S00042', reference: null, state: 'posted', paymentState: 'not_paid',
      amountTotal: { amount: '77.35', currency: 'EUR' }, amountResidual: { amount: '77.35', currency: 'EUR' }, invoiceDate: '2026-11-24', changedAt: new Date(),
    });
    await reachStatus(orderId, 'INVOICED');

    const history = (await harness.http().get(`/orders/${orderId}/history`).expect(200)).body.items;
    expect(history.map((entry: { command: string; to: string; actor: { kind: string } }) => [entry.command, entry.to, entry.actor.kind])).toEqual([
      ['RECEIVE', 'RECEIVED', 'channel'],
      ['VALIDATE', 'VALIDATED', 'system'],
      ['RESERVE', 'RESERVED', 'system'],
      ['CONFIRM_IN_ERP', 'CONFIRMED_IN_ERP', 'erp'],
      ['RELEASE_TO_WAREHOUSE', 'RELEASED', 'system'],
      ['RECORD_SHIPMENT', 'BACKORDERED', 'warehouse'],
      ['RECORD_SHIPMENT', 'SHIPPED', 'warehouse'],
      ['INVOICE', 'INVOICED', 'erp'],
    ]);
  });

  it('refuses an over-shipment into the exception queue and changes nothing', async () => {
    const orderId = await validatedOrder([{ sku: 'SKU-A', quantity: '2', unit: 'Units', unitPrice: '2.50' }]);
    await reserve(orderId, { 'SKU-A': '2' }, { 'SKU-A': '2' });
    await reachStatus(orderId, 'RESERVED');
    await synced(orderId, 'S00043');
    await reachStatus(orderId, 'RELEASED');

    const refused = await shipmentWebhook({ orderId, shipmentId: 'SH-X', sourceSystem: 'wms-east', locationId: 'WH-1', carrier: 'dhl', trackingNumber: null, shippedAt: '2026-11-23T12:00:00Z', lines: [{ lineId: '1', sku: 'SKU-A', shipped: units('3'), backordered: units('0') }, { lineId: '9', sku: 'SKU-Z', shipped: units('1'), backordered: units('0') }] }).expect(422);

    expect(refused.body).toMatchObject({ code: 'ORDER.UNKNOWN_LINE', refusals: [{ code: 'ORDER.UNKNOWN_LINE', lineId: '9' }] });
    expect((await statusOf(orderId)).status).toBe('RELEASED');
    const open = (await harness.http().get(`/exceptions?subjectId=${orderId}&status=OPEN`).expect(200)).body.items;
    expect(open.map((item: { code: string }) => item.code)).toEqual(['ORDER.UNKNOWN_LINE']);
  });

  it('holds a partly reserved order with ORDER.NOT_AVAILABLE; an operator accepts the shortage and it continues as reserved', async () => {
    const orderId = await validatedOrder();

    await reserve(orderId, { 'SKU-A': '6', 'SKU-B': '4' }, { 'SKU-A': '10', 'SKU-B': '4' });
    const held = await reachStatus(orderId, 'ON_HOLD');
    expect(held.hold).toMatchObject({ returnTo: 'VALIDATED', reason: { code: 'ORDER.NOT_AVAILABLE' } });
    const [exception] = (await harness.http().get(`/exceptions?subjectId=${orderId}&status=OPEN`).expect(200)).body.items;
    expect(exception.code).toBe('ORDER.NOT_AVAILABLE');

    const noReason = await harness.http().post(`/orders/${orderId}/release-hold`).send({}).expect(400);
    const released = await harness.http().post(`/orders/${orderId}/release-hold`).send({ reason: 'ship 6 now, 4 on backorder' }).expect(200);

    expect(noReason.body.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    expect(released.body).toMatchObject({ status: 'RESERVED', lines: [{ reserved: '6' }, { reserved: '4' }] });
    const resolved = (await harness.http().get(`/exceptions/${exception.id}`).expect(200)).body;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: 'OVERRIDDEN', reason: 'ship 6 now, 4 on backorder' });
    const history = (await harness.http().get(`/orders/${orderId}/history`).expect(200)).body.items;
    expect(history.slice(-2).map((entry: { command: string; actor: object; reason: object }) => [entry.command, entry.actor, entry.reason])).toEqual([
      ['RELEASE_HOLD', { kind: 'operator', id: 'anonymous' }, { code: 'ORDER.HOLD_RELEASED_BY_OPERATOR', message: 'ship 6 now, 4 on backorder' }],
      ['RESERVE', { kind: 'operator', id: 'anonymous' }, { code: 'ORDER.SHORTAGE_ACCEPTED', message: 'ship 6 now, 4 on backorder' }],
    ]);
  });

  it('keeps why inventory reserved nothing with the ORDER.NOT_AVAILABLE exception', async () => {
    const orderId = await validatedOrder([{ sku: 'SKU-A', quantity: '3', unit: 'Units', unitPrice: '2.50' }]);

    await inventory.publish('backbone.inventory.ReservationRejected', orderId, {
      orderId,
      lines: [{ sku: 'SKU-A', locationId: null, requested: units('3'), reserved: units('0') }],
      reason: { code: 'INVENTORY.OUT_OF_STOCK', message: 'no stock of SKU-A at any location of channel webshop' },
    });

    await reachStatus(orderId, 'ON_HOLD');
    const [exception] = (await harness.http().get(`/exceptions?subjectId=${orderId}`).expect(200)).body.items;
    expect(exception).toMatchObject({ code: 'ORDER.NOT_AVAILABLE', details: { inventoryCode: 'INVENTORY.OUT_OF_STOCK' }, message: expect.stringContaining('(inventory: no stock of SKU-A') });
  });

  it('holds the order when the ERP write fails; a retry of the exception sends it again and a later ErpSynced confirms it', async () => {
    const orderId = await validatedOrder();
    await reserve(orderId, { 'SKU-A': '10', 'SKU-B': '4' }, { 'SKU-A': '10', 'SKU-B': '4' });
    await reachStatus(orderId, 'RESERVED');

    await erp.publish('backbone.erp.ErpSyncFailed', orderId, { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', errorCode: 'ERP.VALIDATION', message: 'partner has no address', retriable: false, sourceEventType: 'backbone.orders.OrderReserved', subjectId: orderId });
    const held = await reachStatus(orderId, 'ON_HOLD');
    expect(held.hold.reason.code).toBe('ERP.VALIDATION');
    const [exception] = (await harness.http().get(`/exceptions?subjectId=${orderId}&code=ORDER.ERP_SYNC_FAILED`).expect(200)).body.items;

    const retried = await harness.http().post(`/exceptions/${exception.id}/retry`).send({ reason: 'address fixed in Odoo' }).expect(200);
    expect(retried.body.outcome).toBe('RESOLVED');
    expect((await statusOf(orderId)).status).toBe('RESERVED');

    await synced(orderId, 'S00044');
    await reachStatus(orderId, 'RELEASED');
  });

  it('lets an operator release an ERP hold: the order is reserved again and the next ErpSynced confirms it', async () => {
    const orderId = await validatedOrder();
    await reserve(orderId, { 'SKU-A': '10', 'SKU-B': '4' }, { 'SKU-A': '10', 'SKU-B': '4' });
    await reachStatus(orderId, 'RESERVED');
    await erp.publish('backbone.erp.ErpSyncFailed', orderId, { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', errorCode: 'ERP.TIMEOUT', message: 'Odoo did not answer', retriable: true, sourceEventType: 'backbone.orders.OrderReserved', subjectId: orderId });
    await reachStatus(orderId, 'ON_HOLD');

    const released = await harness.http().post(`/orders/${orderId}/release-hold`).send({ reason: 'Odoo is back' }).expect(200);
    await synced(orderId, 'S00046');

    expect(released.body.status).toBe('RESERVED');
    expect((await reachStatus(orderId, 'RELEASED')).erp).toEqual({ orderId: 42, orderName: 'S00046' });
    const [exception] = (await harness.http().get(`/exceptions?subjectId=${orderId}&code=ORDER.ERP_SYNC_FAILED`).expect(200)).body.items;
    expect(exception).toMatchObject({ status: 'RESOLVED', resolution: 'OVERRIDDEN', reason: 'Odoo is back' });
  });

  it('follows overrides and rejections made in the exception queue: overridden gates validate the order, a rejection rejects it', async () => {
    const overpriced = [{ sku: 'SKU-A', quantity: '1', unit: 'Units', unitPrice: '9.99' }];
    const held = await Promise.all([0, 1].map(() => harness.http().post('/orders').send(orderBody({ customer: { customerId, name: 'ACME' }, lines: overpriced })).expect(201)));
    const [toOverride, toReject] = await Promise.all(held.map(async (response) => (await harness.http().get(`/exceptions?subjectId=${response.body.orderId}`).expect(200)).body.items[0]));
    expect([toOverride.code, toReject.code]).toEqual(['ORDER.PRICE_MISMATCH', 'ORDER.PRICE_MISMATCH']);

    await harness.http().post(`/exceptions/${toOverride.id}/override`).send({ reason: 'agreed special price' }).expect(200);
    await harness.http().post(`/exceptions/${toReject.id}/reject`).send({ reason: 'price typo, customer will reorder' }).expect(200);

    const validated = await reachStatus(held[0].body.orderId, 'VALIDATED');
    await reachStatus(held[1].body.orderId, 'REJECTED');
    const history = (await harness.http().get(`/orders/${validated.orderId}/history`).expect(200)).body.items;
    expect(history.slice(-2).map((entry: { command: string; reason: { message: string } }) => [entry.command, entry.reason.message])).toEqual([
      ['RELEASE_HOLD', 'agreed special price'],
      ['VALIDATE', 'agreed special price'],
    ]);
  });

  it('refuses an illegal operator action with a 409 problem, and cancels after release', async () => {
    const orderId = await validatedOrder();

    const illegal = await harness.http().post(`/orders/${orderId}/release`).send({ reason: 'hurry' }).expect(409);
    await reserve(orderId, { 'SKU-A': '10', 'SKU-B': '4' }, { 'SKU-A': '10', 'SKU-B': '4' });
    await reachStatus(orderId, 'RESERVED');
    await synced(orderId, 'S00045');
    await reachStatus(orderId, 'RELEASED');
    const cancelled = await harness.http().post(`/orders/${orderId}/cancel`).send({ reason: 'customer called', code: 'ORDER.CUSTOMER_REQUEST' }).expect(200);
    const again = await harness.http().post(`/orders/${orderId}/cancel`).send({ reason: 'twice' }).expect(409);

    expect(illegal.body).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'VALIDATED', command: 'RELEASE_TO_WAREHOUSE' });
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', lines: [{ cancelled: '10', reserved: '0' }, { cancelled: '4', reserved: '0' }] });
    expect(again.body).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', from: 'CANCELLED' });
  });

  it('re-runs the gates of held orders when their customer changes in the ERP', async () => {
    const newcomer = uniqueName('newcomer');
    const order = await harness.http().post('/orders').send(orderBody({ customer: { customerId: newcomer, name: 'Newcomer' } })).expect(201);
    expect(order.body.hold.reason.code).toBe('ORDER.UNKNOWN_CUSTOMER');

    await erp.publish('backbone.erp.PartnerChanged', '902', {
      partnerId: 902, parentId: null, name: 'Newcomer', isCompany: true, email: null, vat: null, address: null, creditLimit: null, onCreditHold: false, active: true, ref: newcomer, pricelistId: 7, changedAt: new Date(),
    });

    await reachStatus(order.body.orderId, 'VALIDATED');
    // Unknown customer, hence no pricelist either (one exception for both lines): both close once the customer is known.
    const exceptions = (await harness.http().get(`/exceptions?subjectId=${order.body.orderId}`).expect(200)).body.items;
    expect(exceptions.map(({ code, status, resolution }: Record<string, string>) => [code, status, resolution]).sort()).toEqual([
      ['ORDER.NO_PRICE', 'RESOLVED', 'RETRIED'],
      ['ORDER.UNKNOWN_CUSTOMER', 'RESOLVED', 'RETRIED'],
    ]);
    expect(exceptions.find((exception: { code: string }) => exception.code === 'ORDER.NO_PRICE')).toMatchObject({ details: { count: '2' }, message: expect.stringMatching(/^line 1: .*; line 2: /) });
    const history = (await harness.http().get(`/orders/${order.body.orderId}/history`).expect(200)).body.items;
    expect(history.slice(-2).map((entry: { command: string; actor: object }) => [entry.command, entry.actor])).toEqual([
      ['RELEASE_HOLD', { kind: 'erp', id: 'odoo-adapter' }],
      ['VALIDATE', { kind: 'system', id: 'order-service' }],
    ]);
  });

  it("skips events about other systems' order ids instead of dead-lettering them", async () => {
    const ids = [
      ...(await inventory.publish('backbone.inventory.ReservationConfirmed', 'rush-1', { orderId: 'rush-1', lines: [] })),
      ...(await erp.publish('backbone.erp.ErpSynced', 'outage-1', { sourceEventId: uniqueName('evt'), odooModel: 'sale.order', odooIds: [1], externalId: 'x', sourceEventType: 'backbone.orders.OrderReserved', subjectId: 'outage-1', odooName: 'S1' })),
    ];

    await eventually(async () => (await harness.database.db('event_inbox').whereIn('event_id', ids)).length === 2, 30_000, 'both events handled');
  });

  it('takes EDI purchase orders through the same intake, priced from the pricelist; a resent 850 is the same order', async () => {
    const partnerId = uniqueName('partner');
    await erp.publish('backbone.erp.PartnerChanged', '901', {
      partnerId: 901, parentId: null, name: 'Buyer Inc', isCompany: true, email: null, vat: null, address: null, creditLimit: null, onCreditHold: false, active: true, ref: partnerId, pricelistId: 7, changedAt: new Date(),
    });
    await eventually(async () => (await harness.database.db('customer_account').where({ customer_id: partnerId }).first()) !== undefined, 30_000, 'the partner synced');
    const po = {
      partnerId,
      controlNumbers: { interchange: '000000001', group: '1', transactionSet: '0001' },
      poNumber: 'PO-77',
      poDate: '2026-11-23',
      billTo: null,
      shipTo: address,
      lines: [{ lineNumber: '1', sku: 'SKU-A', buyerPartNumber: null, quantity: units('5'), unitPrice: null }],
      requestedDeliveryDate: null,
      notes: null,
    };

    await edi.publish('backbone.edi.PurchaseOrderReceived', partnerId, po);
    await edi.publish('backbone.edi.PurchaseOrderReceived', partnerId, po);

    await eventually(async () => (await harness.database.db('orders').where({ external_order_id: 'PO-77', channel: `edi-${partnerId}` })).length === 1, 30_000, 'the EDI order');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rows = await harness.database.db('orders').where({ external_order_id: 'PO-77' }).select('order_id', 'status', 'customer_id');
    expect(rows).toEqual([{ order_id: expect.any(String), status: 'VALIDATED', customer_id: partnerId }]);
    const order = await statusOf(rows[0].order_id);
    expect(order).toMatchObject({ channel: `edi-${partnerId}`, billTo: { name: 'Buyer Inc' }, lines: [{ sku: 'SKU-A', ordered: '5', unitPrice: { amount: '2.5', currency: 'EUR' } }] });
  });
});
