import { DATABASE, HttpProblem, parseRequest, Roles } from '@backbone/service-kit';
import { Body, Controller, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import { z } from 'zod';
import { StockSetupRepository } from '../persistence/stock-setup.repository';

const decimal = z.string().regex(/^\d{1,18}(\.\d{1,12})?$/, 'must be a non-negative decimal string');
const locationBody = z
  .object({
    kind: z.enum(['WAREHOUSE', 'THREE_PL', 'IN_TRANSIT']),
    onHandAuthority: z.enum(['WMS', 'ODOO']),
    allowNegativeOnHand: z.boolean().default(false),
    /** The Odoo stock location (full name, e.g. "WH/Stock") whose StockLevelChanged count here. */
    odooLocation: z.string().min(1).nullable().default(null),
  })
  .strict();
const productBody = z.object({ baseUnit: z.string().min(1), basePerUnit: z.record(z.string().min(1), decimal).default({}) }).strict();
const channelBody = z
  .object({
    locationIds: z.array(z.string().min(1)).min(1),
    preferredLocationId: z.string().min(1).nullable().default(null),
    reservationPolicy: z.enum(['ALL_OR_NOTHING', 'ALLOW_PARTIAL']).default('ALLOW_PARTIAL'),
    buffer: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('ABSOLUTE'), quantity: decimal }).strict(),
        z.object({ kind: z.literal('PERCENTAGE'), percent: decimal.refine((value) => Number(value) <= 100, 'must be at most 100') }).strict(),
      ])
      .default({ kind: 'ABSOLUTE', quantity: '0' }),
    reorderPoints: z.record(z.string().min(1), decimal).default({}),
    defaultReorderPoint: decimal.nullable().default(null),
  })
  .strict();

/** Stock master data set by operations: locations and their stock master, products' units, channels' rules. */
@ApiTags('setup')
@Roles('ops')
@Controller()
export class StockSetupController {
  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  @Put('locations/:locationId')
  @ApiOperation({ summary: 'Create or change a location: its kind, which system is its stock master, whether on hand may go negative, the Odoo location it is' })
  async location(@Param('locationId') locationId: string, @Body() body: unknown) {
    const location = { locationId, ...parseRequest(locationBody, body) };
    try {
      await StockSetupRepository.saveLocation(this.db, location);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      throw new HttpProblem({
        status: 409,
        code: 'INVENTORY.ODOO_LOCATION_TAKEN',
        title: 'Odoo location already mapped',
        detail: `another location already is Odoo location "${location.odooLocation}"`,
        errors: [{ field: 'odooLocation', message: `"${location.odooLocation}" is mapped to another location` }],
      });
    }
    return location;
  }

  @Put('products/:sku')
  @ApiOperation({ summary: "Create or change a product's base unit and its conversions (units → base units per unit)" })
  async product(@Param('sku') sku: string, @Body() body: unknown) {
    const product = { sku, ...parseRequest(productBody, body) };
    await StockSetupRepository.saveProduct(this.db, product);
    return product;
  }

  @Put('channels/:channel')
  @ApiOperation({ summary: "Create or change a channel's stock rules: serving locations, preferred warehouse, reservation policy, buffer, reorder points" })
  async channel(@Param('channel') channel: string, @Body() body: unknown) {
    const setup = { channel, ...parseRequest(channelBody, body) };
    const unknown = await StockSetupRepository.unknownLocations(this.db, [...setup.locationIds, ...(setup.preferredLocationId ? [setup.preferredLocationId] : [])]);
    if (unknown.length > 0) {
      throw new HttpProblem({
        status: 422,
        code: 'INVENTORY.UNKNOWN_LOCATION',
        title: 'Unknown location',
        detail: `unknown locations: ${unknown.join(', ')}`,
        errors: unknown.map((locationId) => ({ field: setup.locationIds.includes(locationId) ? 'locationIds' : 'preferredLocationId', message: `location "${locationId}" does not exist` })),
      });
    }
    await StockSetupRepository.saveChannel(this.db, setup);
    return setup;
  }
}
