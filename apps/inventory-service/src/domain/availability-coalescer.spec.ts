import type { AvailabilityChanged } from '@backbone/schemas';
import { AvailabilityCoalescer, type CoalescerOutput } from './availability-coalescer';

class FakeClock {
  private millis = Date.UTC(2026, 0, 1, 8, 0);

  readonly now = () => new Date(this.millis);

  advance(ms: number): void {
    this.millis += ms;
  }

  at(offsetMs: number): Date {
    return new Date(Date.UTC(2026, 0, 1, 8, 0) + offsetMs);
  }
}

const INTERVAL = 1_000;

function change(value: string, sku = 'SKU-1', channel = 'webshop'): AvailabilityChanged {
  return { channel, sku, available: { value, uom: 'Units' }, asOf: new Date(0) };
}

const values = (output: CoalescerOutput) =>
  output.emit.map(({ payload }) => `${payload.sku}@${payload.channel}=${payload.available.value}`);

describe('AvailabilityCoalescer', () => {
  let clock: FakeClock;
  let coalescer: AvailabilityCoalescer;

  beforeEach(() => {
    clock = new FakeClock();
    coalescer = new AvailabilityCoalescer({ intervalMs: INTERVAL, now: clock.now });
  });

  it('emits the first change at once as an AvailabilityChanged event', () => {
    const output = coalescer.offer(change('5'));

    expect(output).toEqual({ emit: [{ type: 'backbone.inventory.AvailabilityChanged', payload: change('5') }], nextFlushAt: null });
  });

  it('holds changes within the interval and flushes only the latest when it has passed', () => {
    coalescer.offer(change('5'));
    clock.advance(100);
    expect(coalescer.offer(change('4'))).toEqual({ emit: [], nextFlushAt: clock.at(INTERVAL) });
    clock.advance(300);
    expect(coalescer.offer(change('3'))).toEqual({ emit: [], nextFlushAt: clock.at(INTERVAL) });

    clock.advance(600);
    const flushed = coalescer.flush();

    expect(values(flushed)).toEqual(['SKU-1@webshop=3']);
    expect(flushed.nextFlushAt).toBeNull();
  });

  it('emits nothing when flushed early, and still says when to flush', () => {
    coalescer.offer(change('5'));
    clock.advance(200);
    coalescer.offer(change('4'));

    expect(coalescer.flush()).toEqual({ emit: [], nextFlushAt: clock.at(INTERVAL) });
  });

  it('counts the next interval from the flush, so a burst never yields two events within one interval', () => {
    coalescer.offer(change('5'));
    clock.advance(500);
    coalescer.offer(change('4'));
    clock.advance(500);
    coalescer.flush();
    clock.advance(10);

    expect(coalescer.offer(change('3'))).toEqual({ emit: [], nextFlushAt: clock.at(2 * INTERVAL) });
  });

  it('emits at once again after a quiet interval', () => {
    coalescer.offer(change('5'));
    clock.advance(INTERVAL);

    expect(values(coalescer.offer(change('4')))).toEqual(['SKU-1@webshop=4']);
  });

  it('emits a newer change at once when the caller flushes late, dropping the value it replaces', () => {
    coalescer.offer(change('5'));
    clock.advance(100);
    coalescer.offer(change('4'));
    clock.advance(5_000);

    expect(values(coalescer.offer(change('3')))).toEqual(['SKU-1@webshop=3']);
    expect(values(coalescer.flush())).toEqual([]);
  });

  it('keeps SKUs and channels apart', () => {
    expect(values(coalescer.offer(change('1', 'SKU-1', 'webshop')))).toHaveLength(1);
    expect(values(coalescer.offer(change('2', 'SKU-1', 'marketplace')))).toHaveLength(1);
    expect(values(coalescer.offer(change('3', 'SKU-2', 'webshop')))).toHaveLength(1);
    clock.advance(10);
    coalescer.offer(change('4', 'SKU-2', 'webshop'));
    clock.advance(20);
    expect(coalescer.offer(change('5', 'SKU-1', 'marketplace')).nextFlushAt).toEqual(clock.at(INTERVAL));

    clock.advance(INTERVAL);
    expect(values(coalescer.flush()).sort()).toEqual(['SKU-1@marketplace=5', 'SKU-2@webshop=4']);
  });

  it('under a long burst emits at most once per key and interval, and ends on the latest value', () => {
    const emitted: { at: number; value: string }[] = [];
    const record = (output: CoalescerOutput, at: number) =>
      output.emit.forEach(({ payload }) => emitted.push({ at, value: payload.available.value }));
    let elapsed = 0;
    let nextFlushAt: Date | null = null;
    for (let step = 1; step <= 2_000; step++) {
      const gap = (step * 37) % 90;
      clock.advance(gap);
      elapsed += gap;
      if (nextFlushAt !== null && clock.now() >= nextFlushAt) {
        const flushed = coalescer.flush();
        record(flushed, elapsed);
        nextFlushAt = flushed.nextFlushAt;
      }
      const offered = coalescer.offer(change(String(step)));
      record(offered, elapsed);
      nextFlushAt = offered.nextFlushAt ?? nextFlushAt;
    }
    clock.advance(INTERVAL);
    record(coalescer.flush(), elapsed + INTERVAL);

    for (let index = 1; index < emitted.length; index++) expect(emitted[index].at - emitted[index - 1].at).toBeGreaterThanOrEqual(INTERVAL);
    expect(emitted.at(-1)?.value).toBe('2000');
    expect(emitted.length).toBeGreaterThan(50);
  });
});
