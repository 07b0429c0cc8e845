import { cursorParam, DATABASE, HttpProblem, pageCursor, parseRequest, Roles } from '@backbone/service-kit';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import { z } from 'zod';
import { availableToPromise, channelAvailable, type LedgerEntry, type StockPosition } from '../domain';
import { StockQueries } from '../persistence/stock-queries';

const limit = z.coerce.number().int().min(1).max(500).default(100);
const stockQuery = z.object({ sku: z.string().min(1).optional(), locationId: z.string().min(1).optional(), after: cursorParam(2, ([sku, locationId]) => ({ sku, locationId })).optional(), limit }).strict();
const ledgerQuery = z.object({ locationId: z.string().min(1).optional(), before: z.string().regex(/^\d+$/, 'must be an entry id').optional(), limit }).strict();
const availabilityQuery = z.object({ sku: z.union([z.string().min(1), z.array(z.string().min(1))]).transform((value) => [value].flat()) }).strict();

/** Stock as the ledger states it: figures per SKU × location, their history, channel availability. */
@ApiTags('stock')
@Controller()
export class StockController {
  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  @Get('stock')
  @Roles('channel', 'warehouse', 'ops')
  @ApiOperation({ summary: 'Stock figures per SKU and location, by quantity type, with available to promise (keyset pages)' })
  @ApiOkResponse({ description: '`{ items: [{ sku, locationId, onHand, reserved, inTransit, quarantined, damaged, availableToPromise }], next }`' })
  async stock(@Query() query: unknown) {
    const { sku, locationId, after, limit } = parseRequest(stockQuery, query);
    const positions = await StockQueries.positions(this.db, { sku, locationId }, { after, limit });
    return { items: positions.map(toFigures), next: positions.length === limit ? pageCursor.encode([positions[positions.length - 1].sku, positions[positions.length - 1].locationId]) : null };
  }

  @Get('stock/:sku/ledger')
  @Roles('warehouse', 'ops')
  @ApiOperation({ summary: 'Ledger entries of a SKU, newest first, with their causes and what became of them' })
  async ledger(@Param('sku') sku: string, @Query() query: unknown) {
    const { locationId, before, limit } = parseRequest(ledgerQuery, query);
    const entries = await StockQueries.ledger(this.db, sku, { locationId }, { before, limit });
    return { items: entries.map(toLedgerView), next: entries.length === limit ? entries[entries.length - 1].id : null };
  }

  @Get('stock-snapshot')
  @Roles('ops')
  @ApiOperation({ summary: 'Every position at one consistent point in time, for reconciliation with the ERP' })
  async snapshot() {
    return this.db.transaction(
      async (trx) => {
        const { rows } = await trx.raw<{ rows: { as_of: Date }[] }>('select now() as as_of');
        return { asOf: rows[0].as_of.toISOString(), items: (await StockQueries.allPositions(trx)).map(toFigures) };
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  }

  @Get('availability/:channel')
  @Roles('channel', 'ops')
  @ApiOperation({ summary: 'What a channel may sell of each SKU: available to promise over its locations minus its buffer' })
  async availability(@Param('channel') channel: string, @Query() query: unknown) {
    const { sku: skus } = parseRequest(availabilityQuery, query);
    const config = await StockQueries.channel(this.db, channel);
    if (!config) throw new HttpProblem({ status: 404, code: 'INVENTORY.UNKNOWN_CHANNEL', title: 'Unknown channel', detail: `channel "${channel}" has no stock rules` });
    const positions = await StockQueries.positionsOf(this.db, skus, config.locationIds);
    return { channel, asOf: new Date().toISOString(), items: skus.map((sku) => ({ sku, available: channelAvailable(config, sku, positions) })) };
  }
}

function toFigures(position: StockPosition) {
  const { ON_HAND, RESERVED, IN_TRANSIT, QUARANTINED, DAMAGED } = position.balances;
  return {
    sku: position.sku,
    locationId: position.locationId,
    onHand: ON_HAND,
    reserved: RESERVED,
    inTransit: IN_TRANSIT,
    quarantined: QUARANTINED,
    damaged: DAMAGED,
    availableToPromise: availableToPromise(position),
  };
}

function toLedgerView(entry: LedgerEntry & { id: string }) {
  return { ...entry, occurredAt: entry.occurredAt.toISOString(), recordedAt: entry.recordedAt.toISOString() };
}
