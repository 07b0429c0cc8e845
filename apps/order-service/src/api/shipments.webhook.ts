import { HttpProblem, parseRequest, SignedWebhook } from '@backbone/service-kit';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { RecordShipment } from '../application/record-shipment';
import { causeOf } from './actor';
import { toOrderView } from './order-view';

const quantity = z.object({ value: z.string().regex(/^\d{1,18}(\.\d{1,12})?$/, 'must be a non-negative decimal string'), uom: z.string().min(1) }).strict();
/** The JSON form of backbone.fulfilment.ShipmentConfirmed (the fulfilment.shipment.v1 payload). */
const shipmentConfirmed = z
  .object({
    orderId: z.uuid('must be an order id (UUID)'),
    shipmentId: z.string().min(1).max(128),
    sourceSystem: z.string().min(1).max(64),
    locationId: z.string().min(1),
    lines: z.array(z.object({ lineId: z.string().min(1), sku: z.string().min(1), shipped: quantity, backordered: quantity }).strict()).min(1),
    carrier: z.string().min(1),
    trackingNumber: z.string().min(1).nullable().default(null),
    shippedAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  })
  .strict();

/**
 * Shipment confirmations pushed by a WMS or 3PL, signed with the `wms` webhook secret; the same
 * content and rules as ShipmentConfirmed on fulfilment.shipment.v1.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class ShipmentsWebhook {
  constructor(private readonly shipments: RecordShipment) {}

  @Post('shipments')
  @HttpCode(200)
  @SignedWebhook('wms')
  @ApiOperation({ summary: 'Record a shipment confirmation: shipped, backordered and substituted quantities per order line (a repeated shipment id from the same system changes nothing)' })
  @ApiBody({ schema: z.toJSONSchema(shipmentConfirmed, { io: 'input', unrepresentable: 'any' }) as object })
  @ApiResponse({ status: 200, description: '`{ outcome: RECORDED, order }` or `{ outcome: DUPLICATE }`' })
  @ApiResponse({ status: 404, description: 'ORDER.NOT_FOUND (also filed in the exception queue)' })
  @ApiResponse({ status: 422, description: 'The shipment was refused (unknown line, over-shipment, wrong unit, order not released); filed in the exception queue' })
  async receive(@Body() body: unknown, @Req() request: Request) {
    const outcome = await this.shipments.execute(parseRequest(shipmentConfirmed, body), causeOf(request));
    switch (outcome.outcome) {
      case 'RECORDED':
        return { outcome: 'RECORDED', order: toOrderView(outcome.stored) };
      case 'DUPLICATE':
        return { outcome: 'DUPLICATE' };
      case 'UNKNOWN_ORDER':
        throw new HttpProblem({ status: 404, code: 'ORDER.NOT_FOUND', title: 'Order not found', detail: 'the shipment names an order that does not exist' });
      case 'REFUSED':
        throw new HttpProblem({
          status: 422,
          code: outcome.rejections[0].code,
          title: 'Shipment refused',
          detail: outcome.rejections.map((rejection) => rejection.message).join('; '),
          extensions: { refusals: outcome.rejections },
        });
    }
  }
}
