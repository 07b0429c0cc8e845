import type { AvailabilityChanged } from '@backbone/schemas';
import type { InventoryEvent } from './inventory-events';

export type AvailabilityChangedEvent = Extract<InventoryEvent, { type: 'backbone.inventory.AvailabilityChanged' }>;

export interface CoalescerOptions {
  /** At most one event per SKU and channel within this many milliseconds. */
  readonly intervalMs: number;
  /** The only source of time, so tests can drive it. */
  readonly now: () => Date;
}

export interface CoalescerOutput {
  /** Publish these now. */
  readonly emit: readonly AvailabilityChangedEvent[];
  /** When to call `flush`; null while nothing waits. The caller owns the timer. */
  readonly nextFlushAt: Date | null;
}

interface KeyState {
  lastEmittedAt: number;
  pending: AvailabilityChanged | null;
}

/**
 * Coalesces channel availability under bursts: per (SKU, channel), the first change after a quiet
 * interval is emitted at once; later changes within the interval only replace a pending value,
 * which `flush` emits when the interval since the last emission has passed. So there is at most
 * one event per key per interval, and a burst always ends on its latest value. Values are taken
 * in the order offered: offer them in commit order. No timers and no I/O: time comes from `now`.
 * State lives in memory per process; after a restart the first change of a key is emitted at once.
 */
export class AvailabilityCoalescer {
  private readonly keys = new Map<string, KeyState>();
  private earliestDue: number | null = null;

  constructor(private readonly options: CoalescerOptions) {}

  offer(change: AvailabilityChanged): CoalescerOutput {
    const now = this.options.now().getTime();
    const key = JSON.stringify([change.sku, change.channel]);
    const state = this.keys.get(key);
    if (state === undefined || this.isQuiet(state, now)) {
      this.keys.set(key, { lastEmittedAt: now, pending: null });
      return this.output([change]);
    }
    state.pending = change;
    const due = state.lastEmittedAt + this.options.intervalMs;
    this.earliestDue = Math.min(this.earliestDue ?? due, due);
    return this.output([]);
  }

  /** Emits every pending value whose interval has passed, and forgets keys that went quiet. */
  flush(): CoalescerOutput {
    const now = this.options.now().getTime();
    const emit: AvailabilityChanged[] = [];
    this.earliestDue = null;
    for (const [key, state] of this.keys) {
      if (this.isQuiet(state, now)) {
        if (state.pending === null) {
          this.keys.delete(key);
          continue;
        }
        emit.push(state.pending);
        state.lastEmittedAt = now;
        state.pending = null;
      } else if (state.pending !== null) {
        const due = state.lastEmittedAt + this.options.intervalMs;
        this.earliestDue = Math.min(this.earliestDue ?? due, due);
      }
    }
    return this.output(emit);
  }

  private isQuiet(state: KeyState, now: number): boolean {
    return now - state.lastEmittedAt >= this.options.intervalMs;
  }

  private output(changes: readonly AvailabilityChanged[]): CoalescerOutput {
    return {
      emit: changes.map((payload) => ({ type: 'backbone.inventory.AvailabilityChanged', payload })),
      nextFlushAt: this.earliestDue === null ? null : new Date(this.earliestDue),
    };
  }
}
