import { newEventId } from '@backbone/events';
import { DATABASE, HttpProblem, parseRequest, Roles, SERVICE_CONFIG } from '@backbone/service-kit';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import type { ChannelNotificationSettings } from './channel-notifications.config';
import { CreateSubscriptionDto, SubscriptionDto, SubscriptionListDto, UpdateSubscriptionDto } from './notification.dto';
import { idParams, subscriptionBodies, subscriptionQuery } from './notification.requests';
import { SubscriptionsRepository, type Subscription } from './subscriptions.repository';
import { ActiveSubscriptions } from './active-subscriptions';

const badRequest = ApiBadRequestResponse({ description: 'REQUEST.INVALID: application/problem+json naming each invalid field' });
const notFound = ApiNotFoundResponse({ description: 'CHANNEL_NOTIFICATION.SUBSCRIPTION_NOT_FOUND' });
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Subscription id' });

/** Which channel hears which order events, where, signed with which named secret. */
@ApiTags('channel notifications')
@Roles('ops')
@Controller('channel-subscriptions')
export class SubscriptionsController {
  private readonly bodies: ReturnType<typeof subscriptionBodies>;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) config: ChannelNotificationSettings,
    private readonly active: ActiveSubscriptions,
  ) {
    this.bodies = subscriptionBodies(Object.keys(config.CHANNEL_NOTIFICATION_SECRETS));
  }

  @Post()
  @ApiOperation({ summary: "Subscribe a channel's endpoint to order events" })
  @ApiBody({ type: CreateSubscriptionDto })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @badRequest
  async create(@Body() body: unknown): Promise<Subscription> {
    const input = parseRequest(this.bodies.create, body);
    const now = new Date();
    const subscription: Subscription = { subscriptionId: newEventId(), ...input, createdAt: now, updatedAt: now };
    await SubscriptionsRepository.insert(this.db, subscription);
    this.active.forget();
    return subscription;
  }

  @Get()
  @ApiOperation({ summary: 'List subscriptions, by channel' })
  @ApiQuery({ name: 'channel', required: false })
  @ApiOkResponse({ type: SubscriptionListDto })
  @badRequest
  async list(@Query() query: unknown): Promise<{ items: Subscription[] }> {
    const { channel } = parseRequest(subscriptionQuery, query);
    return { items: await SubscriptionsRepository.list(this.db, channel) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscription' })
  @idParam
  @ApiOkResponse({ type: SubscriptionDto })
  @badRequest
  @notFound
  async get(@Param() params: unknown): Promise<Subscription> {
    const { id } = parseRequest(idParams, params);
    return found(await SubscriptionsRepository.get(this.db, id), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a subscription: target, secret, event types, active', description: 'Pending deliveries go to the new URL; re-activating sends what waited.' })
  @idParam
  @ApiBody({ type: UpdateSubscriptionDto })
  @ApiOkResponse({ type: SubscriptionDto })
  @badRequest
  @notFound
  async update(@Param() params: unknown, @Body() body: unknown): Promise<Subscription> {
    const { id } = parseRequest(idParams, params);
    const changes = parseRequest(this.bodies.update, body);
    const updated = await this.db.transaction((trx) => SubscriptionsRepository.update(trx, id, changes, new Date()));
    this.active.forget();
    return found(updated, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription', description: 'Its delivery log stays; deliveries it had not sent yet are cancelled.' })
  @idParam
  @ApiNoContentResponse({ description: 'Deleted' })
  @badRequest
  @notFound
  async delete(@Param() params: unknown): Promise<void> {
    const { id } = parseRequest(idParams, params);
    const deleted = await this.db.transaction((trx) => SubscriptionsRepository.delete(trx, id, new Date()));
    this.active.forget();
    if (!deleted) throw notFoundProblem(id);
  }
}

function found(subscription: Subscription | undefined, id: string): Subscription {
  if (!subscription) throw notFoundProblem(id);
  return subscription;
}

function notFoundProblem(id: string): HttpProblem {
  return new HttpProblem({ status: 404, code: 'CHANNEL_NOTIFICATION.SUBSCRIPTION_NOT_FOUND', title: 'Subscription not found', detail: `no subscription ${id}` });
}
