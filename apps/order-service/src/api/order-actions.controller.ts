import { HttpProblem, parseRequest, Principal, Roles } from '@backbone/service-kit';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { OperatorActions, type ActionOutcome } from '../application/operator-actions';
import type { Refusal } from '../application/order-changes';
import { actorOf, causeOf } from './actor';
import { toOrderView } from './order-view';

const reasonBody = z
  .object({
    reason: z.string().trim().min(1, 'is required: say why').max(2_000),
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*$/, 'must be DOMAIN.REASON, e.g. "ORDER.CUSTOMER_REQUEST"')
      .optional(),
  })
  .strict();
const orderId = z.uuid('must be an order id (UUID)');

type Action = 'hold' | 'releaseHold' | 'reject' | 'cancel' | 'releaseToWarehouse';

const DEFAULT_CODES: Record<Action, string> = {
  hold: 'ORDER.OPERATOR_HOLD',
  releaseHold: 'ORDER.HOLD_RELEASED_BY_OPERATOR',
  reject: 'ORDER.REJECTED_BY_OPERATOR',
  cancel: 'ORDER.CANCELLED_BY_OPERATOR',
  releaseToWarehouse: 'ORDER.RELEASED_BY_OPERATOR',
};

const reasonSchema = { schema: z.toJSONSchema(reasonBody, { io: 'input' }) as object };

/**
 * Operators' decisions on an order. Each needs a reason, is audited with the authenticated
 * caller as actor, and publishes its event; a move the state machine forbids is a 409.
 */
@ApiTags('orders')
@Roles('ops')
@Controller('orders/:orderId')
@ApiResponse({ status: 200, description: 'The order after the action' })
@ApiResponse({ status: 400, description: 'REQUEST.INVALID: `errors` names each invalid field (a reason is required)' })
@ApiResponse({ status: 404, description: 'ORDER.NOT_FOUND' })
@ApiResponse({ status: 409, description: 'ORDER.ILLEGAL_TRANSITION: names the order status and the command' })
export class OrderActionsController {
  constructor(private readonly actions: OperatorActions) {}

  @Post('hold')
  @HttpCode(200)
  @ApiBody(reasonSchema)
  @ApiOperation({ summary: 'Put the order on hold (possible until it is released to the warehouse)' })
  hold(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    return this.act('hold', id, body, caller, request);
  }

  @Post('release-hold')
  @HttpCode(200)
  @ApiBody(reasonSchema)
  @ApiOperation({
    summary: 'Release a hold',
    description: "The order resumes where it was held; held at the gates it is validated by this decision, held for missing stock it continues with what is reserved. Its open exceptions are resolved as overridden.",
  })
  releaseHold(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    return this.act('releaseHold', id, body, caller, request);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiBody(reasonSchema)
  @ApiOperation({ summary: 'Reject a received or held order (terminal); its open exceptions are resolved as rejected' })
  reject(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    return this.act('reject', id, body, caller, request);
  }

  @Post('cancel')
  @HttpCode(200)
  @ApiBody(reasonSchema)
  @ApiOperation({ summary: 'Cancel whatever has not shipped, before or after release (reservations are released)' })
  cancel(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    return this.act('cancel', id, body, caller, request);
  }

  @Post('release')
  @HttpCode(200)
  @ApiBody(reasonSchema)
  @ApiOperation({ summary: 'Release an order confirmed in the ERP to the warehouses holding its reservations (when automatic release is off)' })
  release(@Param('orderId') id: string, @Body() body: unknown, @Principal() caller: Principal, @Req() request: Request) {
    return this.act('releaseToWarehouse', id, body, caller, request);
  }

  private async act(action: Action, id: string, body: unknown, caller: Principal, request: Request) {
    const target = parseRequest(orderId, id);
    const { reason, code } = parseRequest(reasonBody, body);
    const outcome: ActionOutcome = await this.actions[action](target, actorOf(caller, 'operator'), { code: code ?? DEFAULT_CODES[action], message: reason }, causeOf(request));
    switch (outcome.outcome) {
      case 'DONE':
        return toOrderView(outcome.stored);
      case 'NOT_FOUND':
        throw new HttpProblem({ status: 404, code: 'ORDER.NOT_FOUND', title: 'Order not found', detail: `no order ${target}` });
      case 'REFUSED':
        throw refusedProblem(outcome.rejection);
    }
  }
}

/** A move the state machine forbids is a conflict with the order's status (409); any other refusal is 422. */
export function refusedProblem({ code, message, ...fields }: Refusal): HttpProblem {
  return code === 'ORDER.ILLEGAL_TRANSITION'
    ? new HttpProblem({ status: 409, code, title: 'Not possible in the order status', detail: message, extensions: fields })
    : new HttpProblem({ status: 422, code, title: 'Request refused', detail: message, extensions: fields });
}
