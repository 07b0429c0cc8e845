import { DATABASE, HttpProblem, parseRequest, Principal, Roles } from '@backbone/service-kit';
import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import { z } from 'zod';
import { naturalKey, ORDER_STATUSES } from '../domain';
import { ChannelMappingsRepository } from '../persistence/channel-mappings.repository';

const word = z.string().trim().min(1).max(128);
const mappingBody = z
  .object({
    skus: z.record(word, word).default({}),
    skuPassThrough: z.boolean().default(false),
    units: z.record(word, word).default({}),
    statuses: z.record(word, z.enum(ORDER_STATUSES)).default({}),
    pricelistId: z.number().int().positive().nullable().default(null),
  })
  .strict();

/**
 * The mapping tables that translate a channel's vocabulary to the ERP's: SKUs, units, status words,
 * and the pricelist governing the channel's orders when the customer has none. A channel without
 * tables is taken to use the ERP's SKUs and units already.
 */
@ApiTags('channel mappings')
@Controller('channel-mappings')
export class ChannelMappingsController {
  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  @Put(':channel')
  @Roles('ops')
  @ApiOperation({ summary: "Create or replace a channel's mapping tables (channel SKU → ERP SKU, channel unit → ERP unit, status word → order status) and pricelist" })
  @ApiBody({ schema: z.toJSONSchema(mappingBody, { io: 'input' }) as object })
  async save(@Param('channel') channel: string, @Body() body: unknown, @Principal() caller: Principal) {
    const settings = { channel: channelOf(channel), ...parseRequest(mappingBody, body) };
    await ChannelMappingsRepository.save(this.db, settings, caller.id);
    return settings;
  }

  @Get()
  @Roles('ops', 'channel')
  @ApiOperation({ summary: "Every channel's mapping tables" })
  async list() {
    return { items: await ChannelMappingsRepository.list(this.db) };
  }

  @Get(':channel')
  @Roles('ops', 'channel')
  @ApiOperation({ summary: "One channel's mapping tables" })
  async get(@Param('channel') channel: string) {
    const settings = await ChannelMappingsRepository.find(this.db, channelOf(channel));
    if (!settings) throw new HttpProblem({ status: 404, code: 'ORDER.UNKNOWN_CHANNEL', title: 'No mapping for the channel', detail: `channel "${channel}" has no mapping tables` });
    return settings;
  }
}

/** Channels are slugs, matched as the orders' natural key normalizes them. */
function channelOf(channel: string): string {
  return naturalKey(channel, '-').channel;
}
