import { DATABASE, HttpProblem, parseRequest, Principal, Roles } from '@backbone/service-kit';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Knex } from 'knex';
import { z } from 'zod';
import { ReconciliationAlreadyRunningError, ReconciliationErrorCode } from './reconciliation.errors';
import { ReconciliationRepository, type ReconciliationRun } from './reconciliation.repository';
import { Reconciliations } from './reconciliations';

const kind = z.enum(['STOCK', 'ORDER_STATE']);
const runBody = z.object({ kind }).strict();
const listQuery = z.object({ kind: kind.optional(), before: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const runIdParam = z.uuid();

/** Reconciliation runs: start one on demand, list them, read one with its drift lines. */
@ApiTags('reconciliation')
@Roles('ops')
@Controller('reconciliations')
export class ReconciliationsController {
  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    private readonly reconciliations: Reconciliations,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a reconciliation run of a kind (STOCK or ORDER_STATE) now; it runs in the background' })
  @ApiAcceptedResponse({ description: '`{ runId, kind, status: "RUNNING" }`; follow it at GET /reconciliations/{runId}' })
  @ApiConflictResponse({ description: 'RECONCILIATION.ALREADY_RUNNING: a run of the kind is in progress (`runId` names it)' })
  async run(@Body() body: unknown, @Principal() caller: Principal) {
    const request = parseRequest(runBody, body);
    try {
      const { runId } = await this.reconciliations.start(request.kind, 'REQUEST', `${caller.kind}:${caller.id}`);
      return { runId, kind: request.kind, status: 'RUNNING' };
    } catch (error) {
      if (!(error instanceof ReconciliationAlreadyRunningError)) throw error;
      throw new HttpProblem({ status: 409, code: error.code, title: 'Reconciliation already running', detail: error.message, extensions: { runId: error.runId } });
    }
  }

  @Get()
  @ApiOperation({ summary: 'Reconciliation runs, newest first (keyset pages: pass the last runId as `before`)' })
  @ApiOkResponse({ description: '`{ items: [{ runId, kind, status, trigger, requestedBy, startedAt, finishedAt, checkedCount, driftCount, errorCode, errorMessage }], next }`' })
  async list(@Query() query: unknown) {
    const filter = parseRequest(listQuery, query);
    const runs = await ReconciliationRepository.list(this.db, filter);
    return { items: runs.map(toView), next: runs.length === filter.limit ? runs[runs.length - 1].runId : null };
  }

  @Get(':runId')
  @ApiOperation({ summary: 'One run with its drift lines (subject, Odoo and backbone values, difference)' })
  @ApiOkResponse({ description: '`{ runId, kind, status, ..., drifts: [{ subjectId, locationId, odooValue, backboneValue, difference, message }] }`' })
  @ApiNotFoundResponse({ description: 'RECONCILIATION.NOT_FOUND' })
  async get(@Param('runId') runId: string) {
    const id = parseRequest(z.object({ runId: runIdParam }), { runId }).runId;
    const found = await ReconciliationRepository.get(this.db, id);
    if (!found) throw new HttpProblem({ status: 404, code: ReconciliationErrorCode.notFound, title: 'Unknown reconciliation run', detail: `no reconciliation run ${id}` });
    return { ...toView(found.run), drifts: found.drifts };
  }
}

function toView(run: ReconciliationRun) {
  return { ...run, startedAt: run.startedAt.toISOString(), finishedAt: run.finishedAt?.toISOString() ?? null };
}
