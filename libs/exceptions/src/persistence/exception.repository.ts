import type { Knex } from 'knex';
import type { Actor, AuditAction, AuditEntry, BusinessException, ExceptionResolution, ExceptionStatus } from '../model/business-exception';
import { decodeCursor, encodeCursor } from './page-cursor';
import { EXCEPTION_AUDIT_TABLE, EXCEPTION_TABLE } from './exception-tables';

interface ExceptionRow {
  id: string;
  service: string;
  code: string;
  message: string;
  subject_type: string;
  subject_id: string;
  details: Record<string, string>;
  source_event_id: string | null;
  correlation_id: string | null;
  status: ExceptionStatus;
  resolution: ExceptionResolution | null;
  attempts: number;
  occurrences: number;
  raised_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  resolved_by_kind: string | null;
  resolved_by_id: string | null;
  reason: string | null;
}

interface AuditRow {
  id: string;
  exception_id: string;
  action: AuditAction;
  actor_kind: string;
  actor_id: string;
  reason: string | null;
  at: Date;
  before: SnapshotJson | null;
  after: SnapshotJson;
}

/** An exception as stored in an audit row (JSON: instants as ISO strings). */
type SnapshotJson = Omit<BusinessException, 'raisedAt' | 'lastSeenAt' | 'resolvedAt'> & { raisedAt: string; lastSeenAt: string; resolvedAt: string | null };

export interface ExceptionFilter {
  status?: ExceptionStatus;
  code?: string;
  subjectType?: string;
  subjectId?: string;
  service?: string;
  /** Inclusive. */
  raisedFrom?: Date;
  /** Exclusive. */
  raisedTo?: Date;
}

export interface ExceptionPage {
  /** Newest raised first. */
  items: BusinessException[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

function toException(row: ExceptionRow): BusinessException {
  return {
    id: row.id,
    service: row.service,
    code: row.code,
    message: row.message,
    subject: { type: row.subject_type, id: row.subject_id },
    details: row.details,
    sourceEventId: row.source_event_id,
    correlationId: row.correlation_id,
    status: row.status,
    resolution: row.resolution,
    attempts: row.attempts,
    occurrences: row.occurrences,
    raisedAt: row.raised_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by_id === null ? null : { kind: row.resolved_by_kind ?? '', id: row.resolved_by_id },
    reason: row.reason,
  };
}

function fromSnapshot(json: SnapshotJson): BusinessException {
  return { ...json, raisedAt: new Date(json.raisedAt), lastSeenAt: new Date(json.lastSeenAt), resolvedAt: json.resolvedAt === null ? null : new Date(json.resolvedAt) };
}

/** Reads and writes a service's exception tables; every method takes the caller's knex or transaction. */
export const exceptionRepository = {
  /**
   * Opens each candidate, or, when one is already OPEN for its service, code and subject, counts
   * another occurrence on that one (latest message and details win); one statement, safe under
   * concurrency, outcomes in candidate order. Candidates of one code and subject merge first into
   * one exception (the first's id and cause, the last's message and details, one occurrence each).
   * Rows are written in key order, so concurrent batches wait for each other instead of deadlocking.
   */
  async upsertOpenMany(trx: Knex.Transaction, candidates: readonly BusinessException[]): Promise<{ exception: BusinessException; created: boolean }[]> {
    const keyOf = (exception: BusinessException) => JSON.stringify([exception.service, exception.code, exception.subject.type, exception.subject.id]);
    const groups = Map.groupBy(candidates, keyOf);
    const rows = [...groups.values()].map((same) => {
      const [first, last] = [same[0], same[same.length - 1]];
      return {
        id: first.id,
        service: first.service,
        code: first.code,
        message: last.message,
        subject_type: first.subject.type,
        subject_id: first.subject.id,
        details: last.details,
        source_event_id: first.sourceEventId,
        correlation_id: first.correlationId,
        raised_at: first.raisedAt,
        occurrences: same.length,
      };
    });
    const result = await trx.raw<{ rows: ExceptionRow[] }>(
      `insert into ${EXCEPTION_TABLE} (id, service, code, message, subject_type, subject_id, details, source_event_id, correlation_id, raised_at, last_seen_at, occurrences)
       select r.id, r.service, r.code, r.message, r.subject_type, r.subject_id, r.details, r.source_event_id, r.correlation_id, r.raised_at, r.raised_at, r.occurrences
       from jsonb_to_recordset(cast(? as jsonb)) as r(id uuid, service text, code text, message text, subject_type text, subject_id text, details jsonb,
         source_event_id text, correlation_id text, raised_at timestamptz, occurrences integer)
       order by r.service, r.code, r.subject_type, r.subject_id
       on conflict (service, code, subject_type, subject_id) where status = 'OPEN' do update
         set occurrences = ${EXCEPTION_TABLE}.occurrences + excluded.occurrences, last_seen_at = excluded.last_seen_at,
             message = excluded.message, details = excluded.details
       returning *`,
      [JSON.stringify(rows)],
    );
    const stored = new Map(result.rows.map((row) => [keyOf(toException(row)), toException(row)]));
    return candidates.map((candidate) => {
      const key = keyOf(candidate);
      const exception = stored.get(key) as BusinessException;
      return { exception, created: exception.id === candidate.id };
    });
  },

  async lock(trx: Knex.Transaction, id: string): Promise<BusinessException | undefined> {
    const row = await trx<ExceptionRow>(EXCEPTION_TABLE).where({ id }).forUpdate().first();
    return row && toException(row);
  },

  async lockOpenByKey(trx: Knex.Transaction, key: Pick<BusinessException, 'service' | 'code' | 'subject'>): Promise<BusinessException | undefined> {
    const row = await trx<ExceptionRow>(EXCEPTION_TABLE)
      .where({ service: key.service, code: key.code, subject_type: key.subject.type, subject_id: key.subject.id, status: 'OPEN' })
      .forUpdate()
      .first();
    return row && toException(row);
  },

  /** The open exceptions of these codes about a subject, locked, oldest first. */
  async lockOpenOfSubject(trx: Knex.Transaction, key: Pick<BusinessException, 'service' | 'subject'> & { codes: readonly string[] }): Promise<BusinessException[]> {
    const rows = await trx<ExceptionRow>(EXCEPTION_TABLE)
      .where({ service: key.service, subject_type: key.subject.type, subject_id: key.subject.id, status: 'OPEN' })
      .whereIn('code', [...key.codes])
      .orderBy('raised_at')
      .forUpdate();
    return rows.map(toException);
  },

  async find(db: Knex, id: string): Promise<BusinessException | undefined> {
    const row = await db<ExceptionRow>(EXCEPTION_TABLE).where({ id }).first();
    return row && toException(row);
  },

  /** One more retry; with `recurredAt`, also one more occurrence (a handler that threw the same code). */
  async countRetry(trx: Knex.Transaction, id: string, recurredAt?: Date): Promise<BusinessException> {
    const query = trx<ExceptionRow>(EXCEPTION_TABLE).where({ id });
    const [row] = await (recurredAt ? query.update({ attempts: trx.raw('attempts + 1'), occurrences: trx.raw('occurrences + 1'), last_seen_at: recurredAt } as never) : query.increment('attempts', 1)).returning('*');
    return toException(row as ExceptionRow);
  },

  async markResolved(trx: Knex.Transaction, id: string, resolution: { resolution: ExceptionResolution; actor: Actor; reason: string | null; at: Date }): Promise<BusinessException> {
    const [row] = await trx<ExceptionRow>(EXCEPTION_TABLE)
      .where({ id })
      .update({
        status: 'RESOLVED',
        resolution: resolution.resolution,
        resolved_at: resolution.at,
        resolved_by_kind: resolution.actor.kind,
        resolved_by_id: resolution.actor.id,
        reason: resolution.reason,
      })
      .returning('*');
    return toException(row as ExceptionRow);
  },

  async appendAudit(trx: Knex.Transaction, ...entries: Omit<AuditEntry, 'id'>[]): Promise<void> {
    if (entries.length === 0) return;
    await trx(EXCEPTION_AUDIT_TABLE).insert(
      entries.map((entry) => ({
        exception_id: entry.exceptionId,
        action: entry.action,
        actor_kind: entry.actor.kind,
        actor_id: entry.actor.id,
        reason: entry.reason,
        at: entry.at,
        before: entry.before === null ? null : JSON.stringify(entry.before),
        after: JSON.stringify(entry.after),
      })),
    );
  },

  async auditOf(db: Knex, exceptionId: string): Promise<AuditEntry[]> {
    const rows = await db<AuditRow>(EXCEPTION_AUDIT_TABLE).where({ exception_id: exceptionId }).orderBy('id');
    return rows.map((row) => ({
      id: String(row.id),
      exceptionId: row.exception_id,
      action: row.action,
      actor: { kind: row.actor_kind, id: row.actor_id },
      reason: row.reason,
      at: row.at,
      before: row.before === null ? null : fromSnapshot(row.before),
      after: fromSnapshot(row.after),
    }));
  },

  /** Keyset pagination over (raised_at desc, id desc): stable while exceptions are raised meanwhile. */
  async list(db: Knex, filter: ExceptionFilter, page: { limit: number; cursor?: string | null }): Promise<ExceptionPage> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const query = db<ExceptionRow>(EXCEPTION_TABLE).select('*');
    if (filter.status) query.where('status', filter.status);
    if (filter.code) query.where('code', filter.code);
    if (filter.subjectType) query.where('subject_type', filter.subjectType);
    if (filter.subjectId) query.where('subject_id', filter.subjectId);
    if (filter.service) query.where('service', filter.service);
    if (filter.raisedFrom) query.where('raised_at', '>=', filter.raisedFrom);
    if (filter.raisedTo) query.where('raised_at', '<', filter.raisedTo);
    if (after) query.whereRaw('(raised_at, id) < (?, ?::uuid)', [after.raisedAt, after.id]);
    const rows = await query.orderBy([{ column: 'raised_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.limit + 1);
    const items = rows.slice(0, page.limit).map(toException);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ raisedAt: last.raisedAt, id: last.id }) : null };
  },

  /** Open exceptions per service and code, for the business_exceptions_open gauge. */
  async openCounts(db: Knex): Promise<{ service: string; code: string; open: number }[]> {
    const rows: { service: string; code: string; open: string }[] = await db(EXCEPTION_TABLE)
      .where('status', 'OPEN')
      .groupBy('service', 'code')
      .select('service', 'code', db.raw('count(*) as open'));
    return rows.map((row) => ({ service: row.service, code: row.code, open: Number(row.open) }));
  },
};
