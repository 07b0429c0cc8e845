import { HttpProblem, parseRequest } from '@backbone/service-kit';
import { listExceptionsQuery, reasonBody, retryBody } from './exception.requests';

function invalidFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return (error.errors ?? []).map((field) => field.field);
    throw error;
  }
  return [];
}

describe('exception API requests', () => {
  it('reads list filters from query strings, with a default page size', () => {
    expect(parseRequest(listExceptionsQuery, { status: 'OPEN', code: 'ORDER.CREDIT_HOLD', subjectType: 'order', subjectId: 'O-1', raisedFrom: '2026-11-01T00:00:00Z', limit: '20' })).toEqual({
      status: 'OPEN',
      code: 'ORDER.CREDIT_HOLD',
      subjectType: 'order',
      subjectId: 'O-1',
      raisedFrom: new Date('2026-11-01T00:00:00Z'),
      limit: 20,
    });
    expect(parseRequest(listExceptionsQuery, {})).toEqual({ limit: 50 });
  });

  it('names every bad filter', () => {
    const fields = invalidFields(() => parseRequest(listExceptionsQuery, { status: 'DONE', code: 'credit hold', raisedFrom: 'yesterday', limit: '500' }));

    expect(fields).toEqual(['status', 'code', 'raisedFrom', 'limit']);
  });

  it('refuses unknown parameters and an empty time window', () => {
    expect(invalidFields(() => parseRequest(listExceptionsQuery, { stauts: 'OPEN' }))).toEqual(['stauts']);
    expect(invalidFields(() => parseRequest(listExceptionsQuery, { raisedFrom: '2026-11-02T00:00:00Z', raisedTo: '2026-11-01T00:00:00Z' }))).toEqual(['raisedTo']);
  });

  it('wants a non-blank reason to override or reject, and none to retry', () => {
    expect(invalidFields(() => parseRequest(reasonBody, {}))).toEqual(['reason']);
    expect(invalidFields(() => parseRequest(reasonBody, { reason: '   ' }))).toEqual(['reason']);
    expect(parseRequest(reasonBody, { reason: ' Paid by wire ' })).toEqual({ reason: 'Paid by wire' });
    expect(parseRequest(retryBody, {})).toEqual({});
  });
});
