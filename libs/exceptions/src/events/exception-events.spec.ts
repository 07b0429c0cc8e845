import { createAvroType, findEvent } from '@backbone/schemas';
import type { BusinessException } from '../model/business-exception';
import { EXCEPTION_RAISED, EXCEPTION_RESOLVED, EXCEPTION_TOPIC, exceptionRaised, exceptionResolved } from './exception-events';

const raisedAt = new Date('2026-11-23T10:00:00.000Z');
const open: BusinessException = {
  id: '019ab000-0000-7000-8000-000000000001',
  service: 'order-service',
  code: 'ORDER.CREDIT_HOLD',
  message: 'Customer C-1 is on credit hold',
  subject: { type: 'order', id: 'O-1' },
  details: { customerId: 'C-1', creditLimit: '5000.00 EUR' },
  sourceEventId: 'evt-1',
  correlationId: 'corr-1',
  status: 'OPEN',
  resolution: null,
  attempts: 0,
  occurrences: 1,
  raisedAt,
  lastSeenAt: raisedAt,
  resolvedAt: null,
  resolvedBy: null,
  reason: null,
};

function isValid(eventType: string, payload: unknown): boolean {
  return createAvroType(findEvent(eventType)!.schema).isValid(payload);
}

describe('exception events', () => {
  it('are both on ops.exception.v1', () => {
    expect(findEvent(EXCEPTION_RAISED)?.topic).toBe(EXCEPTION_TOPIC);
    expect(findEvent(EXCEPTION_RESOLVED)?.topic).toBe(EXCEPTION_TOPIC);
  });

  it('ExceptionRaised is keyed by exception id, caused by the source event, in its correlation, and valid Avro', () => {
    const event = exceptionRaised(open);

    expect(event).toMatchObject({ type: EXCEPTION_RAISED, key: open.id, correlationId: 'corr-1', causationId: 'evt-1', occurredAt: raisedAt });
    expect(event.payload).toEqual({
      exceptionId: open.id,
      service: 'order-service',
      code: 'ORDER.CREDIT_HOLD',
      message: 'Customer C-1 is on credit hold',
      subject: { type: 'order', id: 'O-1' },
      details: { customerId: 'C-1', creditLimit: '5000.00 EUR' },
      sourceEventId: 'evt-1',
      correlationId: 'corr-1',
      raisedAt,
    });
    expect(isValid(EXCEPTION_RAISED, event.payload)).toBe(true);
  });

  it('ExceptionRaised without a source event or correlation leaves those headers to the defaults', () => {
    const event = exceptionRaised({ ...open, sourceEventId: null, correlationId: null, details: {} });

    expect(event.correlationId).toBeUndefined();
    expect(event.causationId).toBeUndefined();
    expect(isValid(EXCEPTION_RAISED, event.payload)).toBe(true);
  });

  it('ExceptionResolved carries resolution, actor, reason and time, and is valid Avro', () => {
    const resolvedAt = new Date('2026-11-23T11:00:00.000Z');
    const resolved: BusinessException = { ...open, status: 'RESOLVED', resolution: 'OVERRIDDEN', resolvedBy: { kind: 'user', id: 'ops-1' }, resolvedAt, reason: 'Paid by wire' };

    const event = exceptionResolved(resolved);

    expect(event).toMatchObject({ type: EXCEPTION_RESOLVED, key: open.id, correlationId: 'corr-1', occurredAt: resolvedAt });
    expect(event.payload).toEqual({
      exceptionId: open.id,
      service: 'order-service',
      code: 'ORDER.CREDIT_HOLD',
      resolution: 'OVERRIDDEN',
      resolvedBy: { kind: 'user', id: 'ops-1' },
      reason: 'Paid by wire',
      resolvedAt,
    });
    expect(isValid(EXCEPTION_RESOLVED, event.payload)).toBe(true);
  });

  it('refuses to describe an open exception as resolved', () => {
    expect(() => exceptionResolved(open)).toThrow(TypeError);
  });
});
