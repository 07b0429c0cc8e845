import { errorCode, newEventId, type Outbox } from '@backbone/events';
import type { Knex } from 'knex';
import { exceptionRaised, exceptionResolved } from '../events/exception-events';
import { exceptionMetrics } from '../metrics';
import type { Actor, AuditAction, BusinessException, ExceptionSubject, ExceptionWithAudit, RaiseException, ResolveException } from '../model/business-exception';
import { ExceptionNotFoundError, NoRetryHandlerError } from '../model/exception.errors';
import { assertResolvable, normalizeReason } from '../model/resolution-rules';
import { exceptionRepository, type ExceptionFilter, type ExceptionPage } from '../persistence/exception.repository';
import { assertValidRaise } from './raise-validation';

/**
 * Re-runs the step that raised an exception (e.g. a validation gate) in the resolving
 * transaction. It fails again by raising the same code for the same subject through the queue
 * (or by throwing an error whose `code` is the exception's code); any other error aborts the
 * resolution.
 */
export type RetryHandler = (trx: Knex.Transaction, exception: BusinessException) => Promise<void>;

export interface ExceptionQueueOptions {
  /** The owning service; the `service` of every exception this queue raises. */
  service: string;
  clock?: () => Date;
  retryHandlers?: Readonly<Record<string, RetryHandler>>;
}

export interface RaiseOutcome {
  exception: BusinessException;
  /** False when an open exception with the same service, code and subject absorbed this raise. */
  created: boolean;
}

export interface ResolveOutcome {
  /** STILL_OPEN: the retry handler raised the same code again; the exception counts the attempt. */
  outcome: 'RESOLVED' | 'STILL_OPEN';
  exception: BusinessException;
}

export interface PageRequest {
  /** 1 to MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when absent. */
  limit?: number;
  cursor?: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * A service's business exception queue. Every write happens in the caller's transaction, with
 * its audit row and its event (ops.exception.v1, through the outbox): the exception exists
 * exactly when the work it stopped is recorded.
 */
export class ExceptionQueue {
  readonly service: string;
  private readonly clock: () => Date;
  private readonly retryHandlers = new Map<string, RetryHandler>();

  constructor(
    private readonly outbox: Pick<Outbox, 'append'>,
    options: ExceptionQueueOptions,
  ) {
    this.service = options.service;
    this.clock = options.clock ?? (() => new Date());
    for (const [code, handler] of Object.entries(options.retryHandlers ?? {})) this.registerRetryHandler(code, handler);
  }

  /** One handler per code; services register theirs at start-up (e.g. in `onModuleInit`). */
  registerRetryHandler(code: string, handler: RetryHandler): void {
    if (this.retryHandlers.has(code)) throw new TypeError(`a retry handler for ${code} is already registered`);
    this.retryHandlers.set(code, handler);
  }

  canRetry(code: string): boolean {
    return this.retryHandlers.has(code);
  }

  /**
   * Opens an exception and appends ExceptionRaised, or, while one is open for the same code and
   * subject, counts another occurrence on it (no new event: it is the same exception).
   */
  async raise(trx: Knex.Transaction, input: RaiseException): Promise<RaiseOutcome> {
    const [outcome] = await this.raiseMany(trx, [input]);
    return outcome;
  }

  /**
   * `raise` for several at once, in a fixed number of statements whatever their count (batched
   * handlers raise for many subjects in one transaction); the outcomes in input order. Two raises
   * of one code and subject count as two occurrences of one exception. Every input is checked
   * before anything is written.
   */
  async raiseMany(trx: Knex.Transaction, inputs: readonly RaiseException[]): Promise<RaiseOutcome[]> {
    if (inputs.length === 0) return [];
    inputs.forEach(assertValidRaise);
    const now = this.clock();
    const outcomes = await exceptionRepository.upsertOpenMany(
      trx,
      inputs.map((input) => ({
        id: newEventId(),
        service: this.service,
        code: input.code,
        message: input.message,
        subject: { type: input.subject.type, id: input.subject.id },
        details: { ...input.details },
        sourceEventId: input.sourceEventId ?? null,
        correlationId: input.correlationId ?? null,
        status: 'OPEN',
        resolution: null,
        attempts: 0,
        occurrences: 1,
        raisedAt: now,
        lastSeenAt: now,
        resolvedAt: null,
        resolvedBy: null,
        reason: null,
      })),
    );
    const opened = outcomes.filter(({ created }) => created).map(({ exception }) => exception);
    await exceptionRepository.appendAudit(trx, ...opened.map((exception) => ({ exceptionId: exception.id, action: 'RAISED' as const, actor: this.self(), reason: null, at: now, before: null, after: exception })));
    await this.outbox.append(trx, opened.map(exceptionRaised));
    afterCommit(trx, () => {
      for (const exception of opened) exceptionMetrics.raised.inc({ service: this.service, code: exception.code });
    });
    return outcomes;
  }

  /**
   * Retries, overrides or rejects an open exception. Overrides and rejections need a reason;
   * a resolved exception refuses with EXCEPTION.ALREADY_RESOLVED; a retry needs a handler for
   * the code. Concurrent resolutions of one exception are serialized by a row lock.
   */
  async resolve(trx: Knex.Transaction, id: string, command: ResolveException): Promise<ResolveOutcome> {
    const before = await exceptionRepository.lock(trx, id);
    if (!before) throw new ExceptionNotFoundError(id);
    assertResolvable(before, command);
    const reason = normalizeReason(command.reason);
    if (command.resolution !== 'RETRIED') return { outcome: 'RESOLVED', exception: await this.close(trx, before, command.resolution, command.actor, reason) };

    const handler = this.retryHandlers.get(before.code);
    if (!handler) throw new NoRetryHandlerError(id, before.code);
    const result = await this.runRetry(trx, handler, before);
    const now = this.clock();
    const retried = await exceptionRepository.countRetry(trx, id, result === 'THREW' ? now : undefined);
    if (result === 'RAISED' || result === 'THREW') {
      await this.audit(trx, 'RETRY_FAILED', command.actor, reason, before, retried, now);
      return { outcome: 'STILL_OPEN', exception: retried };
    }
    // A handler that ends in the service's own resolveByKey has resolved, audited and announced it already.
    if (result === 'RESOLVED_BY_HANDLER') return { outcome: 'RESOLVED', exception: retried };
    return { outcome: 'RESOLVED', exception: await this.close(trx, before, 'RETRIED', command.actor, reason) };
  }

  /**
   * Auto-resolution by key (Celigo's "resolve by trace key"): when the work for a subject later
   * succeeds (the credit hold is lifted, the SKU now exists), the service closes the open
   * exception for that code and subject as RETRIED. Returns it, or undefined when none is open.
   */
  async resolveByKey(
    trx: Knex.Transaction,
    key: { code: string; subject: ExceptionSubject },
    options: { actor?: Actor; reason?: string | null } = {},
  ): Promise<BusinessException | undefined> {
    const before = await exceptionRepository.lockOpenByKey(trx, { service: this.service, ...key });
    if (!before) return undefined;
    return this.close(trx, before, 'RETRIED', options.actor ?? this.self(), normalizeReason(options.reason));
  }

  /** `resolveByKey` for several codes about one subject, with one lookup; returns the exceptions it closed. */
  async resolveOpenOfSubject(
    trx: Knex.Transaction,
    key: { codes: readonly string[]; subject: ExceptionSubject },
    options: { actor?: Actor; reason?: string | null } = {},
  ): Promise<BusinessException[]> {
    if (key.codes.length === 0) return [];
    const open = await exceptionRepository.lockOpenOfSubject(trx, { service: this.service, ...key });
    const closed: BusinessException[] = [];
    for (const before of open) closed.push(await this.close(trx, before, 'RETRIED', options.actor ?? this.self(), normalizeReason(options.reason)));
    return closed;
  }

  /** Newest raised first, `page.limit` at a time; pass `nextCursor` back for the next page. */
  async list(db: Knex, filter: ExceptionFilter = {}, page: PageRequest = {}): Promise<ExceptionPage> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new RangeError(`page limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
    return exceptionRepository.list(db, filter, { limit, cursor: page.cursor });
  }

  /** The exception with its audit trail, oldest entry first; undefined when there is none. */
  async get(db: Knex, id: string): Promise<ExceptionWithAudit | undefined> {
    const exception = await exceptionRepository.find(db, id);
    if (!exception) return undefined;
    return { ...exception, audit: await exceptionRepository.auditOf(db, id) };
  }

  private async close(trx: Knex.Transaction, before: BusinessException, resolution: ResolveException['resolution'], actor: Actor, reason: string | null): Promise<BusinessException> {
    const at = this.clock();
    const after = await exceptionRepository.markResolved(trx, before.id, { resolution, actor, reason, at });
    await this.audit(trx, resolution, actor, reason, before, after, at);
    await this.outbox.append(trx, exceptionResolved(after));
    afterCommit(trx, () => exceptionMetrics.resolved.inc({ service: this.service, code: after.code, resolution }));
    return after;
  }

  /** Runs the handler in a savepoint; says whether (and how) the same failure came back. */
  private async runRetry(trx: Knex.Transaction, handler: RetryHandler, exception: BusinessException): Promise<'PASSED' | 'RAISED' | 'THREW' | 'RESOLVED_BY_HANDLER'> {
    try {
      await trx.transaction((savepoint) => handler(savepoint, exception));
    } catch (error) {
      // The savepoint is rolled back: the handler's partial writes are gone.
      if (errorCode(error) === exception.code) return 'THREW';
      throw error;
    }
    const now = await exceptionRepository.lock(trx, exception.id);
    if (now?.status === 'RESOLVED') return 'RESOLVED_BY_HANDLER';
    return now !== undefined && now.occurrences > exception.occurrences ? 'RAISED' : 'PASSED';
  }

  private audit(trx: Knex.Transaction, action: AuditAction, actor: Actor, reason: string | null, before: BusinessException | null, after: BusinessException, at: Date): Promise<void> {
    return exceptionRepository.appendAudit(trx, { exceptionId: after.id, action, actor, reason, at, before, after });
  }

  private self(): Actor {
    return { kind: 'service', id: this.service };
  }
}

/** Counts only what commits; a rolled-back transaction counts nothing. */
function afterCommit(trx: Knex.Transaction, effect: () => void): void {
  trx.executionPromise.then(effect, () => undefined);
}
