import { cursorParam, DATABASE, HttpProblem, pageCursor, parseRequest, Principal, Roles } from '@backbone/service-kit';
import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { IntakeOrder, type Respond } from '../application/intake-order';
import { ORDER_STATUSES, orderRequestBodySchema, requestFingerprint, validateOrderRequest, type Rejection } from '../domain';
import type { StoredResponse } from '../persistence/idempotency.repository';
import { isOrderId, OrdersRepository } from '../persistence/orders.repository';
import { actorOf, causeOf } from './actor';
import { toOrderView } from './order-view';

const idempotencyHeader = z.object({ 'Idempotency-Key': z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters').optional() });
const listQuery = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    channel: z.string().min(1).optional(),
    customerId: z.string().min(1).optional(),
    receivedFrom: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
    receivedTo: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: cursorParam(2, ([receivedAt, orderId]) => (isOrderId(orderId) && !Number.isNaN(Date.parse(receivedAt)) ? { receivedAt, orderId } : undefined))
      .optional(),
  })
  .strict();
const orderId = z.uuid('must be an order id (UUID)');

/**
 * Order intake for web shops, marketplaces and B2B portals, and the order record for everyone:
 * status, lines with their ordered/reserved/shipped/backordered/cancelled quantities, history.
 */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly intake: IntakeOrder,
  ) {}

  @Post()
  @Roles('channel', 'ops')
  @ApiOperation({
    summary: 'Submit an order',
    description:
      'Validates the body (every invalid field is named), maps SKUs and units through the channel mapping tables, and runs the credit and price gates: ' +
      'the order is VALIDATED, or ON_HOLD with an exception per failed gate. The same channel + externalOrderId is never created twice (409). ' +
      'With an Idempotency-Key, a repeated request gets the first answer again (same status and body); the same key with another body is refused (422).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Unique per order submission and caller, at most 255 characters' })
  @ApiBody({ schema: z.toJSONSchema(orderRequestBodySchema, { io: 'input', unrepresentable: 'any' }) as object })
  @ApiResponse({ status: 201, description: 'The order, VALIDATED or ON_HOLD (see `hold`)' })
  @ApiResponse({ status: 400, description: 'ORDER.INVALID_REQUEST: `errors` names each invalid field' })
  @ApiResponse({ status: 409, description: 'ORDER.DUPLICATE_ORDER: the channel already sent this order (`orderId`, Location)' })
  @ApiResponse({ status: 422, description: 'ORDER.UNMAPPED_VALUES (SKU or unit without a mapping, per field) or ORDER.IDEMPOTENCY_KEY_REUSED' })
  async submit(@Body() body: unknown, @Headers('idempotency-key') keyHeader: unknown, @Principal() caller: Principal, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const key = parseRequest(idempotencyHeader, { 'Idempotency-Key': keyHeader })['Idempotency-Key'];
    const validated = validateOrderRequest(body);
    if (!validated.ok) {
      throw new HttpProblem({ status: 400, code: validated.error.code, title: 'Invalid order', detail: validated.error.message, errors: validated.error.errors });
    }
    const idempotency = key ? { caller: `${caller.kind}:${caller.id}`, key, fingerprint: requestFingerprint(body) } : null;
    const result = await this.intake.submit(validated.value, actorOf(caller, 'channel'), causeOf(request), idempotency, respond);
    if (result.outcome === 'KEY_REUSED') {
      throw new HttpProblem({
        status: 422,
        code: 'ORDER.IDEMPOTENCY_KEY_REUSED',
        title: 'Idempotency-Key reused with another request',
        detail: `Idempotency-Key "${result.key}" was used for a different request body; use a new key for a new request`,
        errors: [{ field: 'Idempotency-Key', message: 'was already used with a different body' }],
      });
    }
    if (result.outcome === 'UNMAPPED') throw unmappedProblem(result.unmapped);
    const { status, body: answer } = result.response;
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    const id = (answer as { orderId?: string }).orderId ?? (answer as { extensions?: { orderId?: string } }).extensions?.orderId;
    if (id) response.setHeader('Location', `/orders/${id}`);
    if (status >= 400) throw new HttpProblem(answer as ConstructorParameters<typeof HttpProblem>[0]);
    response.status(status);
    return answer;
  }

  @Get()
  @Roles('channel', 'ops', 'warehouse')
  @ApiOperation({ summary: 'List orders, newest received first, filtered by status, channel, customer or time received (keyset pages: pass `nextCursor` as `cursor`)' })
  async list(@Query() query: unknown) {
    const { limit, cursor, ...filter } = parseRequest(listQuery, query);
    const orders = await OrdersRepository.list(this.db, filter, { limit, after: cursor });
    const last = orders.at(-1);
    return {
      items: orders.map(toOrderView),
      nextCursor: orders.length === limit && last ? pageCursor.encode([last.order.receivedAt.toISOString(), last.order.orderId]) : null,
    };
  }

  @Get(':orderId')
  @Roles('channel', 'ops', 'warehouse')
  @ApiOperation({ summary: 'One order with its lines (ordered, reserved, shipped, backordered, cancelled), hold, ERP reference and reservations' })
  @ApiResponse({ status: 404, description: 'ORDER.NOT_FOUND' })
  async get(@Param('orderId') id: string) {
    return toOrderView(await this.find(id));
  }

  @Get(':orderId/history')
  @Roles('channel', 'ops', 'warehouse')
  @ApiOperation({ summary: "The order's audit trail, oldest first: each transition with who, when, why, and the event it published" })
  @ApiResponse({ status: 404, description: 'ORDER.NOT_FOUND' })
  async history(@Param('orderId') id: string) {
    const stored = await this.find(id);
    return { orderId: stored.order.orderId, items: await OrdersRepository.history(this.db, stored.order.orderId) };
  }

  private async find(id: string) {
    const stored = await OrdersRepository.find(this.db, parseRequest(orderId, id));
    if (!stored) throw new HttpProblem({ status: 404, code: 'ORDER.NOT_FOUND', title: 'Order not found', detail: `no order ${id}` });
    return stored;
  }
}

/** The HTTP answer to an accepted or duplicate order, kept under the request's Idempotency-Key. */
function respond(outcome: Parameters<Respond>[0]): StoredResponse {
  if (outcome.outcome === 'ACCEPTED') return { status: 201, body: toOrderView(outcome.stored) };
  return {
    status: 409,
    body: {
      status: 409,
      code: 'ORDER.DUPLICATE_ORDER',
      title: 'Order already received',
      detail: `this channel already sent this order; it is order ${outcome.orderId}`,
      extensions: { orderId: outcome.orderId },
    },
  };
}

/** Values without a channel mapping refuse the request: nothing is stored. */
function unmappedProblem(unmapped: readonly Rejection[]): HttpProblem {
  return new HttpProblem({
    status: 422,
    code: 'ORDER.UNMAPPED_VALUES',
    title: 'Values without a channel mapping',
    detail: `${unmapped.length} value(s) have no mapping for this channel`,
    errors: unmapped.map((rejection) => ({ field: 'field' in rejection ? String(rejection.field) : '(body)', message: rejection.message })),
    extensions: { codes: unmapped.map((rejection) => rejection.code) },
  });
}
