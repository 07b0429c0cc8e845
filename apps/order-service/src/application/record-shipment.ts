import type { ShipmentConfirmed } from '@backbone/schemas';
import { DATABASE } from '@backbone/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { recordShipment, type Rejection } from '../domain';
import { OrdersRepository, type StoredOrder } from '../persistence/orders.repository';
import { OrderChanges, type ChangeCause } from './order-changes';
import { steps } from './order-events';

export type ShipmentOutcome = { outcome: 'RECORDED'; stored: StoredOrder } | { outcome: 'DUPLICATE' } | { outcome: 'REFUSED'; rejections: Rejection[] } | { outcome: 'UNKNOWN_ORDER' };

/**
 * A warehouse's shipment confirmation (webhook or fulfilment.shipment.v1): shipped, backordered and
 * substituted quantities applied to the lines, the order moved to PARTIALLY_SHIPPED, BACKORDERED
 * or SHIPPED, OrderShipmentRecorded published. A shipment is known by source system + shipment id,
 * so a repeated confirmation changes nothing. A refused one (unknown line, over-shipment, wrong
 * unit, order not released) is filed in the exception queue, all in one transaction.
 */
@Injectable()
export class RecordShipment {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly changes: OrderChanges,
  ) {}

  execute(shipment: ShipmentConfirmed, cause: ChangeCause, trx?: Knex.Transaction): Promise<ShipmentOutcome> {
    return trx ? this.record(trx, shipment, cause) : this.db.transaction((own) => this.record(own, shipment, cause));
  }

  private async record(trx: Knex.Transaction, shipment: ShipmentConfirmed, cause: ChangeCause): Promise<ShipmentOutcome> {
    const stored = await OrdersRepository.lock(trx, shipment.orderId);
    if (!stored) {
      const message = `${shipment.sourceSystem} confirmed shipment ${shipment.shipmentId} for order ${shipment.orderId}, which does not exist`;
      await this.changes.raise(trx, shipment.orderId, [{ code: 'ORDER.UNKNOWN_ORDER', message, orderId: shipment.orderId, shipmentId: shipment.shipmentId, sourceSystem: shipment.sourceSystem }], cause);
      return { outcome: 'UNKNOWN_ORDER' };
    }
    const actor = { kind: 'warehouse' as const, id: shipment.sourceSystem };
    const recorded = recordShipment(stored.order, { shipmentId: `${shipment.sourceSystem}/${shipment.shipmentId}`, lines: shipment.lines }, actor, new Date());
    if (!recorded.ok) {
      if (recorded.error.some((rejection) => rejection.code === 'ORDER.DUPLICATE_SHIPMENT')) return { outcome: 'DUPLICATE' };
      await this.changes.raise(trx, stored.order.orderId, recorded.error, cause);
      return { outcome: 'REFUSED', rejections: recorded.error };
    }
    const { shipmentId, lines, carrier, trackingNumber, shippedAt } = shipment;
    const next = await this.changes.save(trx, stored, [steps.shipmentRecorded(recorded.value, { shipmentId, lines, carrier, trackingNumber, shippedAt })], cause);
    return { outcome: 'RECORDED', stored: next };
  }
}
