import { HttpProblem, parseRequest, Principal, Roles } from '@backbone/service-kit';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { OperatorActions } from '../application/operator-actions';
import { actorOf, causeOf } from './actor';
import { refusedProblem } from './order-actions.controller';
import { toOrderView } from './order-view';

const statusBody = z.object({ status: z.string().trim().min(1, 'is required').max(128), note: z.string().trim().min(1).max(2_000).nullable().default(null) }).strict();

/** Channels report an order's status in their own vocabulary, translated by their mapping tables. */
@ApiTags('orders')
@Controller('orders/:orderId')
export class ChannelStatusController {
  constructor(private readonly actions: OperatorActions) {}

  @Post('channel-status')
  @HttpCode(200)
  @Roles('channel', 'ops')
  @ApiOperation({
    summary: "Report the order's status in the channel's words",
    description: 'The word is translated by the channel mapping tables (`statuses`); a channel may ask to cancel (a word meaning CANCELLED), audited with the channel as actor.',
  })
  @ApiBody({ schema: z.toJSONSchema(statusBody, { io: 'input' }) as object })
  @ApiResponse({ status: 200, description: 'The order after the change' })
  @ApiResponse({ status: 404, description: 'ORDER.NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'ORDER.ILLEGAL_TRANSITION: e.g. everything has shipped already' })
  @ApiResponse({ status: 422, description: 'ORDER.UNMAPPED_STATUS (no mapping for the word) or ORDER.STATUS_NOT_REQUESTABLE (a status a channel cannot ask for)' })
  async report(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    const orderId = parseRequest(z.uuid('must be an order id (UUID)'), id);
    const { status, note } = parseRequest(statusBody, body);
    const outcome = await this.actions.channelStatus(orderId, status, actorOf(caller, 'channel'), note, causeOf(request));
    if (outcome.outcome === 'NOT_FOUND') throw new HttpProblem({ status: 404, code: 'ORDER.NOT_FOUND', title: 'Order not found', detail: `no order ${orderId}` });
    if (outcome.outcome === 'REFUSED') throw refusedProblem(outcome.rejection);
    return toOrderView(outcome.stored);
  }
}
