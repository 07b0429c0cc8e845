import { HttpProblem, parseRequest, SignedWebhook } from '@backbone/service-kit';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IngestStockEvent } from '../application/ingest-stock-event';
import { toStockEvent } from '../application/stock-movement';

const quantityType = z.enum(['ON_HAND', 'RESERVED', 'IN_TRANSIT', 'QUARANTINED', 'DAMAGED']);
/** The JSON form of backbone.inventory.StockMovementReported (the inventory.movements.v1 payload). */
const stockMovement = z
  .object({
    kind: z.enum(['RECEIPT', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN', 'CYCLE_COUNT', 'MOVE_TO_QUARANTINE', 'MOVE_FROM_QUARANTINE', 'MOVE_TO_DAMAGED', 'MOVE_FROM_DAMAGED']),
    sku: z.string().min(1),
    locationId: z.string().min(1),
    transitLocationId: z.string().min(1).nullable().default(null),
    countedQuantityType: quantityType.nullable().default(null),
    quantity: z.object({ value: z.string().regex(/^-?\d{1,18}(\.\d{1,12})?$/, 'must be a decimal string'), uom: z.string().min(1) }).strict(),
    sourceSystem: z.string().min(1),
    sourceEventId: z.string().min(1),
    reportedBy: z.enum(['WMS', 'ODOO']).default('WMS'),
    reasonCode: z.string().min(1),
    sequence: z.number().int().nonnegative().nullable().default(null),
    occurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  })
  .strict();

/**
 * Stock movements pushed by a WMS or 3PL over HTTP, signed with the `wms` webhook secret. The
 * signature is checked before this runs; the movement is recorded in one transaction or refused
 * with a problem naming the reason, writing nothing.
 */
@ApiTags('webhooks')
@Controller('webhooks')
export class StockMovementsWebhook {
  constructor(private readonly ingest: IngestStockEvent) {}

  @Post('stock-movements')
  @HttpCode(200)
  @SignedWebhook('wms')
  @ApiOperation({ summary: 'Record a stock movement (receipt, adjustment, transfer, count, quarantine or damage move) reported by a warehouse system' })
  async receive(@Body() body: unknown) {
    const outcome = await this.ingest.execute(toStockEvent(parseRequest(stockMovement, body)));
    if (outcome.outcome === 'REJECTED') {
      throw new HttpProblem({ status: 422, code: outcome.error.code, title: 'Stock movement refused', detail: outcome.error.message, extensions: { details: outcome.error.details } });
    }
    return outcome.outcome === 'DUPLICATE' ? { outcome: 'DUPLICATE' } : { outcome: 'RECORDED', entries: outcome.entries.map(({ quantityType, changeKind, quantity, status, balanceAfter, locationId }) => ({ locationId, quantityType, changeKind, quantity, status, balanceAfter })) };
  }
}
