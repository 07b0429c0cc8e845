import { findEvent } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { decimals } from './money';
import { fulfilmentStatus } from './order-lines';
import { ORDER_COMMANDS, ORDER_STATUSES, RETURN_FROM_HOLD, FROM_SHIPPED_LINES, transition, TRANSITIONS, type OrderCommand, type OrderStatus } from './order-state';
import { AT, anOrder, inStatus, OPERATOR, pick, seededRandom, SYSTEM } from './testing/order-builders';

const because = { code: 'TEST.REASON', message: 'a test said so' };

function move(order: Order, command: OrderCommand): Order {
  const result = transition(order, command, SYSTEM, AT, because);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.order;
}

function isListed(status: OrderStatus, command: OrderCommand): boolean {
  return (TRANSITIONS[command].from as readonly OrderStatus[]).includes(status);
}

function expectedTarget(order: Order, command: OrderCommand): OrderStatus {
  const to = TRANSITIONS[command].to;
  if (to === RETURN_FROM_HOLD) return order.hold!.returnTo;
  if (to === FROM_SHIPPED_LINES) {
    const status = fulfilmentStatus(order.lines);
    return status === 'NOT_SHIPPED' ? 'RELEASED' : status;
  }
  return to;
}

describe('transition', () => {
  it('returns the new order, an audit entry (who, when, why) and the event to publish', () => {
    const order = anOrder();
    const later = new Date('2026-11-23T11:00:00Z');

    const result = transition(order, 'VALIDATE', SYSTEM, later, because);

    expect(result).toEqual({
      ok: true,
      value: {
        order: { ...order, status: 'VALIDATED', version: 2, updatedAt: later },
        audit: { orderId: order.orderId, command: 'VALIDATE', from: 'RECEIVED', to: 'VALIDATED', actor: SYSTEM, at: later, reason: because },
        event: 'backbone.orders.OrderValidated',
      },
    });
  });

  it('walks the happy path to INVOICED, one version per step', () => {
    let order = anOrder();
    for (const command of ['VALIDATE', 'RESERVE', 'CONFIRM_IN_ERP', 'RELEASE_TO_WAREHOUSE'] as const) order = move(order, command);
    order = { ...order, lines: order.lines.map((line) => ({ ...line, shipped: line.ordered })) };
    order = move(move(order, 'RECORD_SHIPMENT'), 'INVOICE');

    expect([order.status, order.version]).toEqual(['INVOICED', 7]);
  });

  it('refuses an illegal transition with ORDER.ILLEGAL_TRANSITION naming from and to, and changes nothing', () => {
    const shipped = inStatus(anOrder(), 'SHIPPED');
    const before = structuredClone(shipped);

    const result = transition(shipped, 'CANCEL', OPERATOR, AT, because);

    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'ORDER.ILLEGAL_TRANSITION', orderId: shipped.orderId, command: 'CANCEL', from: 'SHIPPED', to: 'CANCELLED' }),
    });
    expect(shipped).toEqual(before);
  });

  it('does not hold a released order: the warehouse is picking, so it must be cancelled instead', () => {
    const result = transition(inStatus(anOrder(), 'RELEASED'), 'HOLD', OPERATOR, AT, because);

    expect(!result.ok && result.error.message).toBe(`HOLD cannot move order ${anOrder().orderId} from RELEASED to ON_HOLD`);
  });
});

describe('holds', () => {
  it('remember the state they were placed in, with the reason', () => {
    const held = move(inStatus(anOrder(), 'RESERVED'), 'HOLD');

    expect(held).toMatchObject({ status: 'ON_HOLD', hold: { returnTo: 'RESERVED', reason: because } });
  });

  it('return to that state on release, audited as the operator', () => {
    const held = move(inStatus(anOrder(), 'CONFIRMED_IN_ERP'), 'HOLD');

    const released = transition(held, 'RELEASE_HOLD', OPERATOR, AT, { code: 'OPS.CREDIT_CLEARED', message: 'customer paid' });

    expect(released.ok && released.value.order).toMatchObject({ status: 'CONFIRMED_IN_ERP', hold: null });
    expect(released.ok && released.value.audit).toMatchObject({ from: 'ON_HOLD', to: 'CONFIRMED_IN_ERP', actor: OPERATOR });
    expect(released.ok && released.value.event).toBe('backbone.orders.OrderHoldReleased');
  });

  it('are cleared when the held order is cancelled or rejected', () => {
    const held = move(anOrder(), 'HOLD');

    expect(move(held, 'CANCEL')).toMatchObject({ status: 'CANCELLED', hold: null });
    expect(move(held, 'REJECT')).toMatchObject({ status: 'REJECTED', hold: null });
  });
});

describe('shipments', () => {
  const released = () => inStatus(anOrder(), 'RELEASED');
  const withLines = (order: Order, changes: { shipped?: string; backordered?: string }[]) => ({
    ...order,
    lines: order.lines.map((line, index) => ({ ...line, ...changes[index] })),
  });

  it.each([
    ['everything shipped', [{ shipped: '10' }, { shipped: '4' }], 'SHIPPED'],
    ['some shipped, more expected', [{ shipped: '5' }, {}], 'PARTIALLY_SHIPPED'],
    ['some shipped, the rest waits for stock', [{ shipped: '10' }, { backordered: '4' }], 'BACKORDERED'],
    ['nothing shipped, a backorder cleared', [{}, {}], 'RELEASED'],
  ] as const)('go to the state the lines imply: %s', (_case, changes, status) => {
    expect(move(withLines(released(), [...changes]), 'RECORD_SHIPMENT').status).toBe(status);
  });
});

describe('the transition table', () => {
  it('names each event by the Avro full name of a catalogued record on the order topic', () => {
    const events = new Set(Object.values(TRANSITIONS).map((rule) => rule.event as string));

    for (const event of events) expect([event, findEvent(event)?.topic]).toEqual([event, 'orders.order.v1']);
  });

  it('is exactly what transition accepts, for every state and command', () => {
    for (const status of ORDER_STATUSES) {
      for (const command of ORDER_COMMANDS) {
        const result = transition(inStatus(anOrder(), status), command, SYSTEM, AT, because);
        expect([status, command, result.ok]).toEqual([status, command, isListed(status, command)]);
      }
    }
  });

  it('never accepts a transition outside the table on random walks (seeded)', () => {
    const random = seededRandom(20261123);
    let order = anOrder();
    const visited = new Set<OrderStatus>([order.status]);
    for (let step = 0; step < 5_000; step += 1) {
      if (['CANCELLED', 'REJECTED', 'INVOICED'].includes(order.status)) order = anOrder();
      // Random line progress, so shipment targets vary too.
      const lines = order.lines.map((line) => {
        const shipped = pick(random, ['0', '2', line.ordered]);
        return { ...line, shipped, backordered: pick(random, ['0', decimals.subtract(line.ordered, shipped)]) };
      });
      const current = { ...order, lines };
      const command = pick(random, ORDER_COMMANDS);

      const result = transition(current, command, SYSTEM, AT, because);

      expect([current.status, command, result.ok]).toEqual([current.status, command, isListed(current.status, command)]);
      if (!result.ok) continue;
      expect(result.value.order.status).toBe(expectedTarget(current, command));
      expect(result.value.order.version).toBe(current.version + 1);
      expect(result.value.order.status === 'ON_HOLD').toBe(result.value.order.hold !== null);
      order = result.value.order;
      visited.add(order.status);
    }
    expect([...visited].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});
