import { createBackboneCodec, DomainError, EventHeader, Outbox, type AvroCodec } from '@backbone/events';
import { createTestDatabase, testStack, type TestDatabase } from '@backbone/events/testing';
import type { ExceptionResolved } from '@backbone/schemas';
import type { Knex } from 'knex';
import { register } from 'prom-client';
import { reportOpenExceptions } from '../metrics';
import type { BusinessException, RaiseException } from '../model/business-exception';
import { ExceptionAlreadyResolvedError, ExceptionNotFoundError, InvalidCursorError, NoRetryHandlerError, ReasonRequiredError } from '../model/exception.errors';
import { createExceptionTables } from '../persistence/exception-tables';
import { ExceptionQueue, type RetryHandler } from './exception-queue';

const SERVICE = 'exceptions-test';
const operator = { kind: 'user', id: 'ops-anna' };
let subjects = 0;

function creditHold(overrides: Partial<RaiseException> = {}): RaiseException {
  subjects += 1;
  return {
    code: 'ORDER.CREDIT_HOLD',
    message: 'Customer C-1 is on credit hold',
    subject: { type: 'order', id: `O-${subjects}` },
    details: { customerId: 'C-1', creditLimit: '5000.00 EUR' },
    sourceEventId: `evt-${subjects}`,
    correlationId: `corr-${subjects}`,
    ...overrides,
  };
}

describe('ExceptionQueue on PostgreSQL with the schema registry', () => {
  let database: TestDatabase;
  let db: Knex;
  let codec: AvroCodec;
  let queue: ExceptionQueue;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    await createExceptionTables(db);
    await db.schema.createTable('order_gate_probe', (table) => {
      table.text('order_id').primary();
      table.text('status').notNullable();
    });
    codec = createBackboneCodec({ url: testStack.registryUrl });
    queue = new ExceptionQueue(new Outbox(codec, SERVICE), { service: SERVICE });
  });

  afterAll(async () => {
    await database?.drop();
  });

  const outboxFor = (exceptionId: string) => db('event_outbox').where({ partition_key: exceptionId }).orderBy('id');
  const count = async (table: string, where: object) => Number((await db(table).where(where).count({ n: '*' }))[0].n);
  const raise = (input: RaiseException, on: ExceptionQueue = queue) => db.transaction((trx) => on.raise(trx, input));
  const resolve = (id: string, command: Parameters<ExceptionQueue['resolve']>[2], on: ExceptionQueue = queue) => db.transaction((trx) => on.resolve(trx, id, command));

  async function errorOf(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('expected a rejection');
  }

  describe('raise', () => {
    it('writes the exception, its RAISED audit row and ExceptionRaised in the caller’s transaction', async () => {
      const input = creditHold();

      const { exception, created } = await raise(input);

      expect(created).toBe(true);
      expect(exception).toMatchObject({
        service: SERVICE,
        code: 'ORDER.CREDIT_HOLD',
        subject: input.subject,
        details: input.details,
        status: 'OPEN',
        resolution: null,
        attempts: 0,
        occurrences: 1,
        sourceEventId: input.sourceEventId,
        correlationId: input.correlationId,
      });
      const [event] = await outboxFor(exception.id);
      expect(event).toMatchObject({ topic: 'ops.exception.v1', event_type: 'backbone.ops.ExceptionRaised', partition_key: exception.id });
      expect(event.headers).toMatchObject({
        [EventHeader.eventType]: 'backbone.ops.ExceptionRaised',
        [EventHeader.correlationId]: input.correlationId,
        [EventHeader.causationId]: input.sourceEventId,
        [EventHeader.source]: SERVICE,
      });
      expect((await codec.decode(event.value)).payload).toEqual({
        exceptionId: exception.id,
        service: SERVICE,
        code: 'ORDER.CREDIT_HOLD',
        message: input.message,
        subject: input.subject,
        details: input.details,
        sourceEventId: input.sourceEventId,
        correlationId: input.correlationId,
        raisedAt: exception.raisedAt,
      });
      expect((await queue.get(db, exception.id))?.audit).toEqual([
        expect.objectContaining({ action: 'RAISED', actor: { kind: 'service', id: SERVICE }, reason: null, before: null, after: exception }),
      ]);
    });

    it('leaves neither exception nor event when the transaction rolls back', async () => {
      const input = creditHold();
      let raisedId = '';

      await expect(
        db.transaction(async (trx) => {
          raisedId = (await queue.raise(trx, input)).exception.id;
          throw new Error('the order insert failed after the raise');
        }),
      ).rejects.toThrow('the order insert failed');

      expect(raisedId).not.toBe('');
      expect(await count('business_exception', { id: raisedId })).toBe(0);
      expect(await count('business_exception_audit', { exception_id: raisedId })).toBe(0);
      expect(await count('event_outbox', { partition_key: raisedId })).toBe(0);
    });

    it('counts a repeated raise for the same code and subject on the open exception, without a new event', async () => {
      const first = await raise(creditHold());

      const again = await raise({ ...creditHold(), subject: first.exception.subject, message: 'Customer C-1 is still on credit hold', details: { customerId: 'C-1', openBalance: '7000.00 EUR' } });

      expect(again.created).toBe(false);
      expect(again.exception).toMatchObject({ id: first.exception.id, occurrences: 2, message: 'Customer C-1 is still on credit hold', details: { customerId: 'C-1', openBalance: '7000.00 EUR' } });
      expect(again.exception.raisedAt).toEqual(first.exception.raisedAt);
      expect(again.exception.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first.exception.raisedAt.getTime());
      expect(await outboxFor(first.exception.id)).toHaveLength(1);
      expect(await count('business_exception', { subject_id: first.exception.subject.id })).toBe(1);
    });

    it('keeps one open exception per key when the same raise races in parallel transactions', async () => {
      const input = creditHold();

      const outcomes = await Promise.all(Array.from({ length: 8 }, () => raise(input)));

      expect(new Set(outcomes.map((outcome) => outcome.exception.id)).size).toBe(1);
      expect(outcomes.filter((outcome) => outcome.created)).toHaveLength(1);
      const [row] = await db('business_exception').where({ subject_id: input.subject.id });
      expect(row.occurrences).toBe(8);
    });

    it('opens a new exception for another code on the same subject, and after the old one is resolved', async () => {
      const hold = await raise(creditHold());
      const price = await raise({ ...creditHold(), code: 'ORDER.PRICE_MISMATCH', subject: hold.exception.subject });
      await resolve(hold.exception.id, { resolution: 'REJECTED', actor: operator, reason: 'Customer closed' });

      const reopened = await raise({ ...creditHold(), subject: hold.exception.subject });

      expect(price.created).toBe(true);
      expect(reopened.created).toBe(true);
      expect(reopened.exception.id).not.toBe(hold.exception.id);
    });

    it('refuses a malformed raise as a programming error', async () => {
      await expect(raise({ ...creditHold(), code: 'credit hold' })).rejects.toThrow(TypeError);
    });
  });

  describe('raiseMany', () => {
    it('raises for many subjects at once: new ones opened, audited and announced, open ones counted, repeats in the batch counted too', async () => {
      const alreadyOpen = await raise(creditHold());
      const fresh = [creditHold(), creditHold()];
      const repeatedInBatch = creditHold();
      const inputs = [
        fresh[0],
        { ...creditHold(), subject: alreadyOpen.exception.subject, message: 'Customer C-1 is still on credit hold' },
        repeatedInBatch,
        fresh[1],
        { ...repeatedInBatch, message: 'Customer C-1 is on credit hold (again)', details: { customerId: 'C-1', openBalance: '9000.00 EUR' }, sourceEventId: 'evt-repeat' },
      ];

      const outcomes = await db.transaction((trx) => queue.raiseMany(trx, inputs));

      expect(outcomes.map((outcome) => outcome.created)).toEqual([true, false, true, true, false]);
      expect(outcomes.map((outcome) => outcome.exception.subject.id)).toEqual(inputs.map((input) => input.subject.id));
      expect(outcomes[1].exception).toMatchObject({ id: alreadyOpen.exception.id, occurrences: 2, message: 'Customer C-1 is still on credit hold' });
      // Merged: the first's id and cause, the last's message and details.
      expect(outcomes[4].exception).toMatchObject({
        id: outcomes[2].exception.id,
        occurrences: 2,
        message: 'Customer C-1 is on credit hold (again)',
        details: { customerId: 'C-1', openBalance: '9000.00 EUR' },
        sourceEventId: repeatedInBatch.sourceEventId,
      });
      for (const { exception } of [outcomes[0], outcomes[2], outcomes[3]]) {
        expect(await db('business_exception_audit').where({ exception_id: exception.id }).select('action')).toEqual([{ action: 'RAISED' }]);
        expect((await outboxFor(exception.id)).map((row) => row.event_type)).toEqual(['backbone.ops.ExceptionRaised']);
      }
      expect(await count('business_exception_audit', { exception_id: alreadyOpen.exception.id })).toBe(1);
      expect(await outboxFor(alreadyOpen.exception.id)).toHaveLength(1);
    });

    it('writes nothing when one input is malformed', async () => {
      const valid = creditHold();

      await expect(db.transaction((trx) => queue.raiseMany(trx, [valid, { ...creditHold(), code: 'credit hold' }]))).rejects.toThrow(TypeError);

      expect(await count('business_exception', { subject_id: valid.subject.id })).toBe(0);
    });
  });

  describe('resolve', () => {
    it('overrides with a reason: resolved, audited with before and after, ExceptionResolved appended', async () => {
      const { exception } = await raise(creditHold());

      const outcome = await resolve(exception.id, { resolution: 'OVERRIDDEN', actor: operator, reason: '  Paid by wire, see ticket 881  ' });

      expect(outcome.outcome).toBe('RESOLVED');
      expect(outcome.exception).toMatchObject({ status: 'RESOLVED', resolution: 'OVERRIDDEN', resolvedBy: operator, reason: 'Paid by wire, see ticket 881', attempts: 0 });
      const trail = (await queue.get(db, exception.id))!.audit;
      expect(trail.map((entry) => entry.action)).toEqual(['RAISED', 'OVERRIDDEN']);
      expect(trail[1]).toMatchObject({ actor: operator, reason: 'Paid by wire, see ticket 881', before: exception, after: outcome.exception });
      const events = await outboxFor(exception.id);
      expect(events.map((event) => event.event_type)).toEqual(['backbone.ops.ExceptionRaised', 'backbone.ops.ExceptionResolved']);
      expect(events[1].headers[EventHeader.correlationId]).toBe(exception.correlationId);
      expect((await codec.decode<ExceptionResolved>(events[1].value)).payload).toEqual({
        exceptionId: exception.id,
        service: SERVICE,
        code: 'ORDER.CREDIT_HOLD',
        resolution: 'OVERRIDDEN',
        resolvedBy: operator,
        reason: 'Paid by wire, see ticket 881',
        resolvedAt: outcome.exception.resolvedAt,
      });
    });

    it.each(['OVERRIDDEN', 'REJECTED'] as const)('refuses %s without a reason and changes nothing', async (resolution) => {
      const { exception } = await raise(creditHold());

      const error = await errorOf(resolve(exception.id, { resolution, actor: operator, reason: '  ' }));

      expect(error).toBeInstanceOf(ReasonRequiredError);
      expect(error).toMatchObject({ code: 'EXCEPTION.REASON_REQUIRED' });
      expect((await queue.get(db, exception.id))?.status).toBe('OPEN');
      expect(await outboxFor(exception.id)).toHaveLength(1);
    });

    it('refuses to resolve a resolved exception with EXCEPTION.ALREADY_RESOLVED', async () => {
      const { exception } = await raise(creditHold());
      await resolve(exception.id, { resolution: 'REJECTED', actor: operator, reason: 'Duplicate order' });

      const error = await errorOf(resolve(exception.id, { resolution: 'OVERRIDDEN', actor: { kind: 'user', id: 'ops-ben' }, reason: 'Let it through' }));

      expect(error).toBeInstanceOf(ExceptionAlreadyResolvedError);
      expect(error).toMatchObject({ code: 'EXCEPTION.ALREADY_RESOLVED', exceptionId: exception.id, resolution: 'REJECTED' });
      expect((await queue.get(db, exception.id))).toMatchObject({ resolution: 'REJECTED', resolvedBy: operator });
    });

    it('lets exactly one of two concurrent resolutions win', async () => {
      const { exception } = await raise(creditHold());

      const results = await Promise.allSettled([
        resolve(exception.id, { resolution: 'OVERRIDDEN', actor: operator, reason: 'ok' }),
        resolve(exception.id, { resolution: 'REJECTED', actor: { kind: 'user', id: 'ops-ben' }, reason: 'no' }),
      ]);

      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ExceptionAlreadyResolvedError) });
      expect(await count('event_outbox', { partition_key: exception.id, event_type: 'backbone.ops.ExceptionResolved' })).toBe(1);
    });

    it('answers an unknown id with EXCEPTION.NOT_FOUND', async () => {
      const error = await errorOf(resolve('019ab000-0000-7000-8000-00000000dead', { resolution: 'REJECTED', actor: operator, reason: 'x' }));

      expect(error).toBeInstanceOf(ExceptionNotFoundError);
      expect(error).toMatchObject({ code: 'EXCEPTION.NOT_FOUND' });
    });

    it('keeps the audit trail append-only', async () => {
      const { exception } = await raise(creditHold());

      await expect(db('business_exception_audit').where({ exception_id: exception.id }).update({ reason: 'rewritten' })).rejects.toThrow(/append-only/);
      await expect(db('business_exception_audit').where({ exception_id: exception.id }).delete()).rejects.toThrow(/append-only/);
    });
  });

  describe('retry', () => {
    // A validation gate the handler re-runs: it passes once the probe says the customer is released.
    const gate: RetryHandler = async (trx, exception) => {
      const probe = await trx('order_gate_probe').where({ order_id: exception.subject.id }).first();
      if (probe?.status !== 'released') {
        await retryingQueue.raise(trx, { code: exception.code, message: 'Still on credit hold', subject: exception.subject });
        return;
      }
      await trx('order_gate_probe').where({ order_id: exception.subject.id }).update({ status: 'validated' });
    };
    let retryingQueue: ExceptionQueue;

    beforeAll(() => {
      retryingQueue = new ExceptionQueue(new Outbox(codec, SERVICE), { service: SERVICE, retryHandlers: { 'ORDER.CREDIT_HOLD': gate } });
    });

    const setProbe = (orderId: string, status: string) => db('order_gate_probe').insert({ order_id: orderId, status }).onConflict('order_id').merge();

    it('keeps the exception open with one more attempt when the handler raises the same code again', async () => {
      const { exception } = await raise(creditHold(), retryingQueue);
      await setProbe(exception.subject.id, 'held');

      const outcome = await resolve(exception.id, { resolution: 'RETRIED', actor: operator }, retryingQueue);

      expect(outcome).toMatchObject({ outcome: 'STILL_OPEN', exception: { id: exception.id, status: 'OPEN', attempts: 1, occurrences: 2, message: 'Still on credit hold' } });
      expect((await retryingQueue.get(db, exception.id))!.audit.map((entry) => entry.action)).toEqual(['RAISED', 'RETRY_FAILED']);
      expect((await outboxFor(exception.id)).map((event) => event.event_type)).toEqual(['backbone.ops.ExceptionRaised']);
    });

    it('resolves as RETRIED once the handler passes, with the handler’s writes in the same transaction', async () => {
      const { exception } = await raise(creditHold(), retryingQueue);
      await setProbe(exception.subject.id, 'held');
      await resolve(exception.id, { resolution: 'RETRIED', actor: operator }, retryingQueue);
      await setProbe(exception.subject.id, 'released');

      const outcome = await resolve(exception.id, { resolution: 'RETRIED', actor: operator }, retryingQueue);

      expect(outcome).toMatchObject({ outcome: 'RESOLVED', exception: { status: 'RESOLVED', resolution: 'RETRIED', attempts: 2, resolvedBy: operator, reason: null } });
      expect((await db('order_gate_probe').where({ order_id: exception.subject.id }).first()).status).toBe('validated');
      expect((await retryingQueue.get(db, exception.id))!.audit.map((entry) => entry.action)).toEqual(['RAISED', 'RETRY_FAILED', 'RETRIED']);
      expect((await outboxFor(exception.id)).map((event) => event.event_type)).toEqual(['backbone.ops.ExceptionRaised', 'backbone.ops.ExceptionResolved']);
    });

    it('treats a handler that throws the same code as still failing, and drops its partial writes', async () => {
      const throwing = new ExceptionQueue(new Outbox(codec, SERVICE), {
        service: SERVICE,
        retryHandlers: {
          'ORDER.PRICE_MISMATCH': async (trx, exception) => {
            await trx('order_gate_probe').insert({ order_id: exception.subject.id, status: 'half-done' });
            throw new DomainError('ORDER.PRICE_MISMATCH', 'Price still differs from the pricelist');
          },
        },
      });
      const { exception } = await raise(creditHold({ code: 'ORDER.PRICE_MISMATCH' }), throwing);

      const outcome = await resolve(exception.id, { resolution: 'RETRIED', actor: operator }, throwing);

      expect(outcome).toMatchObject({ outcome: 'STILL_OPEN', exception: { attempts: 1, occurrences: 2 } });
      expect(await count('order_gate_probe', { order_id: exception.subject.id })).toBe(0);
    });

    it('aborts the resolution when the handler fails otherwise', async () => {
      const broken = new ExceptionQueue(new Outbox(codec, SERVICE), {
        service: SERVICE,
        retryHandlers: { 'ORDER.UNKNOWN_SKU': async () => Promise.reject(new Error('catalog lookup timed out')) },
      });
      const { exception } = await raise(creditHold({ code: 'ORDER.UNKNOWN_SKU' }), broken);

      await expect(resolve(exception.id, { resolution: 'RETRIED', actor: operator }, broken)).rejects.toThrow('catalog lookup timed out');

      expect(await broken.get(db, exception.id)).toMatchObject({ status: 'OPEN', attempts: 0 });
    });

    it('resolves once, with one ExceptionResolved, when the handler’s gate clears the exception by key itself', async () => {
      const clearing: ExceptionQueue = new ExceptionQueue(new Outbox(codec, SERVICE), {
        service: SERVICE,
        retryHandlers: {
          'ORDER.STOCK_SHORT': async (trx, exception) => {
            await clearing.resolveByKey(trx, { code: exception.code, subject: exception.subject }, { reason: 'Stock arrived' });
          },
        },
      });
      const { exception } = await raise(creditHold({ code: 'ORDER.STOCK_SHORT' }), clearing);

      const outcome = await resolve(exception.id, { resolution: 'RETRIED', actor: operator }, clearing);

      expect(outcome).toMatchObject({ outcome: 'RESOLVED', exception: { status: 'RESOLVED', resolution: 'RETRIED', attempts: 1, reason: 'Stock arrived' } });
      expect(await count('event_outbox', { partition_key: exception.id, event_type: 'backbone.ops.ExceptionResolved' })).toBe(1);
      expect((await clearing.get(db, exception.id))!.audit.map((entry) => entry.action)).toEqual(['RAISED', 'RETRIED']);
    });

    it('refuses a retry for a code without a handler with EXCEPTION.NO_RETRY_HANDLER', async () => {
      const { exception } = await raise(creditHold({ code: 'ORDER.ADDRESS_INVALID' }), retryingQueue);

      const error = await errorOf(resolve(exception.id, { resolution: 'RETRIED', actor: operator }, retryingQueue));

      expect(error).toBeInstanceOf(NoRetryHandlerError);
      expect(error).toMatchObject({ code: 'EXCEPTION.NO_RETRY_HANDLER', exceptionCode: 'ORDER.ADDRESS_INVALID' });
    });

    it('refuses a second handler for the same code', () => {
      expect(() => retryingQueue.registerRetryHandler('ORDER.CREDIT_HOLD', gate)).toThrow(TypeError);
    });
  });

  describe('resolveByKey', () => {
    it('closes the open exception for a code and subject as RETRIED by the service, and reports none when there is none', async () => {
      const { exception } = await raise(creditHold());

      const resolved = await db.transaction((trx) => queue.resolveByKey(trx, { code: 'ORDER.CREDIT_HOLD', subject: exception.subject }, { reason: 'Credit hold lifted in the ERP' }));
      const nothing = await db.transaction((trx) => queue.resolveByKey(trx, { code: 'ORDER.CREDIT_HOLD', subject: exception.subject }));

      expect(resolved).toMatchObject({ id: exception.id, resolution: 'RETRIED', resolvedBy: { kind: 'service', id: SERVICE }, reason: 'Credit hold lifted in the ERP' });
      expect(nothing).toBeUndefined();
    });
  });

  describe('resolveOpenOfSubject', () => {
    it('closes the open exceptions of the given codes about a subject, each audited and announced, and leaves other codes open', async () => {
      const hold = await raise(creditHold());
      const price = await raise({ ...creditHold(), code: 'ORDER.PRICE_MISMATCH', subject: hold.exception.subject });
      const other = await raise({ ...creditHold(), code: 'ORDER.UNKNOWN_SKU', subject: hold.exception.subject });

      const closed = await db.transaction((trx) =>
        queue.resolveOpenOfSubject(trx, { codes: ['ORDER.CREDIT_HOLD', 'ORDER.PRICE_MISMATCH', 'ORDER.UNKNOWN_CUSTOMER'], subject: hold.exception.subject }, { reason: 'Gates passed' }),
      );

      expect(closed.map((exception) => exception.id).sort()).toEqual([hold.exception.id, price.exception.id].sort());
      expect(closed.every((exception) => exception.resolution === 'RETRIED' && exception.reason === 'Gates passed')).toBe(true);
      for (const { id } of closed) {
        expect((await outboxFor(id)).map((row) => row.event_type)).toEqual(['backbone.ops.ExceptionRaised', 'backbone.ops.ExceptionResolved']);
        expect(await db('business_exception_audit').where({ exception_id: id }).orderBy('id').pluck('action')).toEqual(['RAISED', 'RETRIED']);
      }
      expect(await db('business_exception').where({ id: other.exception.id }).first('status')).toEqual({ status: 'OPEN' });
    });
  });

  describe('list', () => {
    let listed: ExceptionQueue;
    const raisedIds: string[] = [];
    const service = 'list-test';
    const base = Date.parse('2026-01-10T00:00:00.000Z');
    const hour = 3_600_000;

    beforeAll(async () => {
      let tick = 0;
      // One clock reading per raise or resolution, so the exceptions are raised an hour apart.
      listed = new ExceptionQueue(new Outbox(codec, service), { service, clock: () => new Date(base + hour * tick++) });
      // Five exceptions an hour apart: two price mismatches, three credit holds, one of them on customer C-9.
      const inputs: RaiseException[] = [
        creditHold(),
        creditHold({ code: 'ORDER.PRICE_MISMATCH' }),
        creditHold(),
        creditHold({ code: 'ORDER.PRICE_MISMATCH' }),
        creditHold({ subject: { type: 'customer', id: 'C-9' } }),
      ];
      for (const input of inputs) raisedIds.push((await raise(input, listed)).exception.id);
      await resolve(raisedIds[0], { resolution: 'REJECTED', actor: operator, reason: 'Cancelled by customer' }, listed);
    });

    const ids = (items: BusinessException[]) => items.map((item) => item.id);

    it('pages newest first with a cursor until the last page', async () => {
      const first = await listed.list(db, { service }, { limit: 2 });
      const second = await listed.list(db, { service }, { limit: 2, cursor: first.nextCursor });
      const third = await listed.list(db, { service }, { limit: 2, cursor: second.nextCursor });

      expect([ids(first.items), ids(second.items), ids(third.items)]).toEqual([
        [raisedIds[4], raisedIds[3]],
        [raisedIds[2], raisedIds[1]],
        [raisedIds[0]],
      ]);
      expect(third.nextCursor).toBeNull();
    });

    it('keeps pages stable when newer exceptions arrive between pages', async () => {
      const first = await listed.list(db, { service }, { limit: 3 });
      const newer = await raise(creditHold(), listed);

      const second = await listed.list(db, { service }, { limit: 3, cursor: first.nextCursor });

      expect(ids(second.items)).toEqual([raisedIds[1], raisedIds[0]]);
      await resolve(newer.exception.id, { resolution: 'REJECTED', actor: operator, reason: 'test cleanup' }, listed);
    });

    it('filters by status, code, subject and raise time', async () => {
      const open = await listed.list(db, { service, status: 'OPEN', code: 'ORDER.CREDIT_HOLD' });
      const customer = await listed.list(db, { service, subjectType: 'customer', subjectId: 'C-9' });
      const window = await listed.list(db, { service, raisedFrom: new Date(base + hour), raisedTo: new Date(base + 3 * hour) });
      const resolved = await listed.list(db, { service, status: 'RESOLVED', code: 'ORDER.CREDIT_HOLD' });

      expect(ids(open.items)).toEqual([raisedIds[4], raisedIds[2]]);
      expect(ids(customer.items)).toEqual([raisedIds[4]]);
      expect(ids(window.items)).toEqual([raisedIds[2], raisedIds[1]]);
      expect(ids(resolved.items)).toContain(raisedIds[0]);
    });

    it('refuses pages above 200 and cursors it did not issue', async () => {
      await expect(listed.list(db, {}, { limit: 201 })).rejects.toThrow(RangeError);
      await expect(listed.list(db, {}, { limit: 2, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(InvalidCursorError);
    });
  });

  describe('metrics', () => {
    it('reports open exceptions per service and code from the database at each scrape', async () => {
      const stop = reportOpenExceptions(db);
      try {
        const service = 'metrics-test';
        const metricsQueue = new ExceptionQueue(new Outbox(codec, service), { service });
        await raise(creditHold({ code: 'ORDER.BACKORDER_LIMIT' }), metricsQueue);
        const second = await raise(creditHold({ code: 'ORDER.BACKORDER_LIMIT' }), metricsQueue);
        await resolve(second.exception.id, { resolution: 'OVERRIDDEN', actor: operator, reason: 'Allowed this once' }, metricsQueue);

        const metrics = await register.metrics();

        expect(metrics).toContain('business_exceptions_open{service="metrics-test",code="ORDER.BACKORDER_LIMIT"} 1');
        expect(metrics).toContain('business_exceptions_raised_total{service="metrics-test",code="ORDER.BACKORDER_LIMIT"} 2');
        expect(metrics).toContain('business_exceptions_resolved_total{service="metrics-test",code="ORDER.BACKORDER_LIMIT",resolution="OVERRIDDEN"} 1');
      } finally {
        stop();
      }
    });
  });
});
