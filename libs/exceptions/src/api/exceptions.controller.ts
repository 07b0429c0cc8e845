import { applyDecorators, Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DATABASE, parseRequest, Roles } from '@backbone/service-kit';
import {
  ApiBadRequestResponse,
  ApiBody,
  type ApiBodyOptions,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Knex } from 'knex';
import type { Actor, ExceptionResolution, ExceptionWithAudit } from '../model/business-exception';
import { ExceptionNotFoundError } from '../model/exception.errors';
import type { ExceptionPage } from '../persistence/exception.repository';
import { ExceptionQueue, MAX_PAGE_SIZE, type ResolveOutcome } from '../queue/exception-queue';
import { ACTOR_HEADER, RequestActor } from './actor';
import { ExceptionPageDto, ExceptionWithAuditDto, ProblemDto, ReasonBodyDto, ResolveOutcomeDto, RetryBodyDto } from './exception.dto';
import { exceptionIdParams, listExceptionsQuery, reasonBody, retryBody } from './exception.requests';
import { toHttpProblem } from './to-http-problem';

const badRequest = ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid input (application/problem+json naming each field)' });
const notFound = ApiNotFoundResponse({ type: ProblemDto, description: 'EXCEPTION.NOT_FOUND' });
const alreadyResolved = ApiConflictResponse({ type: ProblemDto, description: 'EXCEPTION.ALREADY_RESOLVED' });
const idParam = ApiParam({ name: 'id', format: 'uuid', description: 'Business exception id' });
const actorHeader = ApiHeader({ name: ACTOR_HEADER, required: false, description: 'Operator recorded in the audit trail while authentication is disabled (local development); otherwise the authenticated caller is recorded and this header is ignored' });

/** What retry, override and reject share: a POST on one exception that resolves it, answering its outcome. */
function resolvesException(summary: string, description: string, body: ApiBodyOptions): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({ summary, description }),
    idParam,
    actorHeader,
    ApiBody(body),
    ApiOkResponse({ type: ResolveOutcomeDto }),
    badRequest,
    notFound,
    alreadyResolved,
  );
}

/** The exception queue of this service, for operators: list, inspect, retry, override, reject. */
@ApiTags('exceptions')
// Operations staff work the queue; admin always passes.
@Roles('ops')
@Controller('exceptions')
export class ExceptionsController {
  constructor(
    private readonly queue: ExceptionQueue,
    @Inject(DATABASE) private readonly db: Knex,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List business exceptions', description: `Newest raised first, keyset-paged (limit ≤ ${MAX_PAGE_SIZE}); pass nextCursor as cursor for the next page.` })
  @ApiQuery({ name: 'status', required: false, enum: ['OPEN', 'RESOLVED'] })
  @ApiQuery({ name: 'code', required: false, example: 'ORDER.CREDIT_HOLD' })
  @ApiQuery({ name: 'subjectType', required: false, example: 'order' })
  @ApiQuery({ name: 'subjectId', required: false })
  @ApiQuery({ name: 'service', required: false })
  @ApiQuery({ name: 'raisedFrom', required: false, description: 'Inclusive, ISO 8601 date-time with zone' })
  @ApiQuery({ name: 'raisedTo', required: false, description: 'Exclusive, ISO 8601 date-time with zone' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiOkResponse({ type: ExceptionPageDto })
  @badRequest
  async list(@Query() query: unknown): Promise<ExceptionPage> {
    const { limit, cursor, ...filter } = parseRequest(listExceptionsQuery, query);
    return this.queue.list(this.db, filter, { limit, cursor }).catch(rethrowAsProblem);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A business exception with its audit trail' })
  @idParam
  @ApiOkResponse({ type: ExceptionWithAuditDto })
  @badRequest
  @notFound
  async get(@Param() params: unknown): Promise<ExceptionWithAudit> {
    const { id } = parseRequest(exceptionIdParams, params);
    const exception = await this.queue.get(this.db, id);
    if (!exception) throw toHttpProblem(new ExceptionNotFoundError(id));
    return exception;
  }

  @Post(':id/retry')
  @resolvesException('Retry', "Re-runs the failed step with the service's retry handler for the code. outcome STILL_OPEN: the same failure came back; the attempt is counted and audited.", { type: RetryBodyDto, required: false })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'EXCEPTION.NO_RETRY_HANDLER: nothing can retry this code; override or reject it' })
  async retry(@Param() params: unknown, @Body() body: unknown, @RequestActor() actor: Actor): Promise<ResolveOutcome> {
    const { id } = parseRequest(exceptionIdParams, params);
    const { reason } = parseRequest(retryBody, body ?? {});
    return this.resolve(id, 'RETRIED', actor, reason);
  }

  @Post(':id/override')
  @resolvesException('Override', 'Lets the stopped work continue despite the rule. Needs a reason; audited.', { type: ReasonBodyDto })
  async override(@Param() params: unknown, @Body() body: unknown, @RequestActor() actor: Actor): Promise<ResolveOutcome> {
    const { id } = parseRequest(exceptionIdParams, params);
    const { reason } = parseRequest(reasonBody, body ?? {});
    return this.resolve(id, 'OVERRIDDEN', actor, reason);
  }

  @Post(':id/reject')
  @resolvesException('Reject', 'Stops the work for good. Needs a reason; audited.', { type: ReasonBodyDto })
  async reject(@Param() params: unknown, @Body() body: unknown, @RequestActor() actor: Actor): Promise<ResolveOutcome> {
    const { id } = parseRequest(exceptionIdParams, params);
    const { reason } = parseRequest(reasonBody, body ?? {});
    return this.resolve(id, 'REJECTED', actor, reason);
  }

  private resolve(id: string, resolution: ExceptionResolution, actor: Actor, reason: string | undefined): Promise<ResolveOutcome> {
    return this.db.transaction((trx) => this.queue.resolve(trx, id, { resolution, actor, reason })).catch(rethrowAsProblem);
  }
}

function rethrowAsProblem(error: unknown): never {
  throw toHttpProblem(error);
}
