import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../queue/exception-queue';
import { EXCEPTION_CODE } from '../queue/raise-validation';

const text = z.string().trim().min(1, 'must not be blank').max(200, 'must be at most 200 characters');
const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T10:00:00Z' }).transform((value) => new Date(value));
const reason = z.string().trim().min(1, 'must not be blank').max(2000, 'must be at most 2000 characters');

/** GET /exceptions query; unknown parameters are refused so a misspelt filter is not silently ignored. */
export const listExceptionsQuery = z
  .strictObject({
    status: z.enum(['OPEN', 'RESOLVED']).optional(),
    code: z.string().regex(EXCEPTION_CODE, 'must be DOMAIN.REASON, e.g. ORDER.CREDIT_HOLD').optional(),
    subjectType: text.optional(),
    subjectId: text.optional(),
    service: text.optional(),
    raisedFrom: instant.optional(),
    raisedTo: instant.optional(),
    limit: z.coerce.number().int('must be an integer').min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE),
    cursor: z.string().min(1).max(500).optional(),
  })
  .refine((query) => !query.raisedFrom || !query.raisedTo || query.raisedFrom < query.raisedTo, { path: ['raisedTo'], message: 'must be after raisedFrom' });

export const exceptionIdParams = z.object({ id: z.uuid('must be a UUID') });

/** POST …/override and …/reject: the audited why. */
export const reasonBody = z.strictObject({ reason });

/** POST …/retry: a note is optional. */
export const retryBody = z.strictObject({ reason: reason.optional() });
