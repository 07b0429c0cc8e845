import { DATABASE, HttpProblem, parseRequest, Roles } from '@backbone/service-kit';
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import { DeliveriesRepository, type Delivery } from './deliveries.repository';
import { DeliveryDto, DeliveryPageDto, DeliveryWithAttemptsDto } from './notification.dto';
import { deliveryQuery, idParams } from './notification.requests';

const badRequest = ApiBadRequestResponse({ description: 'REQUEST.INVALID: application/problem+json naming each invalid field' });
const notFound = ApiNotFoundResponse({ description: 'CHANNEL_NOTIFICATION.DELIVERY_NOT_FOUND' });
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Delivery id' });

/** The delivery log: what was sent to which channel, every attempt, and redelivery on request. */
@ApiTags('channel notifications')
@Roles('ops')
@Controller('channel-deliveries')
export class DeliveriesController {
  constructor(@Inject(DATABASE) private readonly db: Knex) {}

  @Get()
  @ApiOperation({ summary: 'List deliveries, newest first', description: 'Keyset pages: pass nextCursor as cursor for older ones.' })
  @ApiQuery({ name: 'channel', required: false })
  @ApiQuery({ name: 'orderId', required: false })
  @ApiQuery({ name: 'subscriptionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: DeliveryPageDto })
  @badRequest
  async list(@Query() query: unknown) {
    const { limit, cursor, ...filter } = parseRequest(deliveryQuery, query);
    return DeliveriesRepository.list(this.db, filter, limit, cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with the body sent and every attempt' })
  @idParam
  @ApiOkResponse({ type: DeliveryWithAttemptsDto })
  @badRequest
  @notFound
  async get(@Param() params: unknown) {
    const { id } = parseRequest(idParams, params);
    const delivery = await DeliveriesRepository.get(this.db, id);
    if (!delivery) throw notFoundProblem(id);
    return delivery;
  }

  @Post(':id/redeliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a delivered, failed or cancelled delivery again', description: 'Same body and event id (receivers deduplicate by x-event-id), a fresh attempt budget, a new signature.' })
  @idParam
  @ApiOkResponse({ type: DeliveryDto })
  @ApiConflictResponse({ description: 'CHANNEL_NOTIFICATION.ALREADY_PENDING (queued or being sent) or CHANNEL_NOTIFICATION.SUBSCRIPTION_DELETED' })
  @badRequest
  @notFound
  async redeliver(@Param() params: unknown): Promise<Delivery> {
    const { id } = parseRequest(idParams, params);
    return this.db.transaction(async (trx) => {
      const requeued = await DeliveriesRepository.requeue(trx, id, new Date());
      if (requeued) return requeued;
      const state = await DeliveriesRepository.stateOf(trx, id);
      if (!state) throw notFoundProblem(id);
      if (state.subscriptionId === null) {
        throw new HttpProblem({ status: 409, code: 'CHANNEL_NOTIFICATION.SUBSCRIPTION_DELETED', title: 'Subscription deleted', detail: `delivery ${id} belonged to a subscription that no longer exists` });
      }
      throw new HttpProblem({ status: 409, code: 'CHANNEL_NOTIFICATION.ALREADY_PENDING', title: 'Delivery already pending', detail: `delivery ${id} is queued or being sent` });
    });
  }
}

function notFoundProblem(id: string): HttpProblem {
  return new HttpProblem({ status: 404, code: 'CHANNEL_NOTIFICATION.DELIVERY_NOT_FOUND', title: 'Delivery not found', detail: `no delivery ${id}` });
}
