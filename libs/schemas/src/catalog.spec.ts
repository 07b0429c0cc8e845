import { createAvroType } from './avro-type';
import { catalog, eventsOnTopic, findEvent, subjectFor, topics } from './catalog';

describe('event catalog', () => {
  it('has the topics of the architecture, each named <domain>.<aggregate>.v<major>', () => {
    expect(topics).toEqual([
      'orders.order.v1',
      'inventory.stock.v1',
      'inventory.availability.v1',
      'inventory.movements.v1',
      'fulfilment.shipment.v1',
      'returns.rma.v1',
      'edi.document.v1',
      'erp.sync.v1',
      'erp.masterdata.v1',
      'erp.reconciliation.v1',
      'ops.exception.v1',
    ]);
  });

  it('puts each record on its topic', () => {
    const recordsByTopic = Object.fromEntries(topics.map((topic) => [topic, eventsOnTopic(topic).map((event) => event.name.split('.').pop())]));

    expect(recordsByTopic).toEqual({
      'orders.order.v1': [
        'OrderReceived', 'OrderValidated', 'OrderRejected', 'OrderOnHold', 'OrderReserved', 'OrderConfirmed', 'OrderShipmentRecorded', 'OrderCancelled',
        'OrderHoldReleased', 'OrderReleased', 'OrderInvoiced',
      ],
      'inventory.stock.v1': ['StockChanged', 'ReservationConfirmed', 'ReservationPartial', 'ReservationRejected', 'ReservationReleased'],
      'inventory.availability.v1': ['AvailabilityChanged', 'ReorderPointReached'],
      'inventory.movements.v1': ['StockMovementReported'],
      'fulfilment.shipment.v1': ['ShipmentConfirmed'],
      'returns.rma.v1': [
        'RmaRequested', 'RmaAuthorized', 'RmaInTransit', 'RmaReceived', 'RmaInspected', 'RmaDispositioned',
        'RmaStockUpdated', 'RmaRefundIssued', 'RmaFinanciallyPosted', 'RmaRejected', 'RmaExpired',
      ],
      'edi.document.v1': ['PurchaseOrderReceived', 'DocumentRejected', 'DocumentSent', 'AcknowledgementReceived'],
      'erp.sync.v1': ['ErpSynced', 'ErpSyncFailed'],
      'erp.masterdata.v1': ['ProductChanged', 'PartnerChanged', 'PricelistChanged', 'InvoiceChanged', 'StockLevelChanged'],
      'erp.reconciliation.v1': ['DriftDetected', 'ReconciliationCompleted'],
      'ops.exception.v1': ['ExceptionRaised', 'ExceptionResolved'],
    });
  });

  it('names subjects with the TopicRecordNameStrategy', () => {
    expect(subjectFor('orders.order.v1', 'backbone.orders.OrderReceived')).toBe('orders.order.v1-backbone.orders.OrderReceived');
    for (const event of catalog) expect(event.subject).toBe(subjectFor(event.topic, event.name));
  });

  it('finds an event by full name, and nothing for an unknown name', () => {
    expect(findEvent('backbone.inventory.StockChanged')).toMatchObject({ topic: 'inventory.stock.v1', name: 'backbone.inventory.StockChanged' });
    expect(findEvent('backbone.orders.OrderPlaced')).toBeUndefined();
  });

  it('gives each record full name one topic, with a namespace of that domain', () => {
    expect(new Set(catalog.map((event) => event.name)).size).toBe(catalog.length);
    for (const event of catalog) expect(event.schema.namespace).toBe(`backbone.${event.topic.split('.')[0]}`);
  });

  it.each(catalog.map((event) => [event.name, event] as const))('%s has a self-contained schema that round-trips a value', (_name, event) => {
    // Given a type built from the schema alone, without any other named types
    const type = createAvroType(event.schema);
    const value = type.random();

    // When a value is encoded and decoded
    const decoded = type.fromBuffer(type.toBuffer(value));

    // Then it is unchanged (compared by encoding: avsc's compare refuses map types)
    expect(type.toBuffer(decoded).equals(type.toBuffer(value))).toBe(true);
    expect(decoded).toEqual(value);
  });
});
