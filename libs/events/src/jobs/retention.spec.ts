import { Retention } from './retention';

describe('Retention', () => {
  const logged: string[] = [];
  const logger = { log: (message: string) => void logged.push(message), error: (message: string) => void logged.push(`error: ${message}`) };
  const now = new Date('2026-11-23T12:00:00.000Z');
  const HOUR = 3_600_000;

  beforeEach(() => (logged.length = 0));

  /** A table of `count` rows all older than any retention, deleted `limit` at a time. */
  function table(count: number) {
    const calls: { olderThan: Date; limit: number }[] = [];
    let left = count;
    return {
      calls,
      left: () => left,
      deleteOlderThan: async (olderThan: Date, limit: number) => {
        calls.push({ olderThan, limit });
        const deleted = Math.min(left, limit);
        left -= deleted;
        return deleted;
      },
    };
  }

  it('deletes rows older than the retention chunk by chunk until none is left, and says how many', async () => {
    const rows = table(12);
    const counted: number[] = [];
    const retention = new Retention({ name: 'keys', retentionMs: 72 * HOUR, intervalMs: 60_000, chunkSize: 5, deleteOlderThan: rows.deleteOlderThan, onDeleted: (count) => void counted.push(count), logger, clock: () => now });

    const deleted = await retention.sweep();

    expect(deleted).toBe(12);
    expect(rows.left()).toBe(0);
    expect(rows.calls.map((call) => call.limit)).toEqual([5, 5, 5]);
    expect(rows.calls[0].olderThan).toEqual(new Date(now.getTime() - 72 * HOUR));
    expect(counted).toEqual([5, 5, 2]);
    expect(logged).toEqual(['deleted 12 keys older than 2026-11-20T12:00:00.000Z']);
  });

  it('deletes nothing when the retention is 0 (kept forever), even when asked to sweep', async () => {
    const rows = table(3);
    const retention = new Retention({ name: 'keys', retentionMs: 0, intervalMs: 10, deleteOlderThan: rows.deleteOlderThan, logger });

    retention.start();
    await new Promise((resolve) => setTimeout(resolve, 40));
    const deleted = await retention.sweep();
    await retention.stop();

    expect(deleted).toBe(0);
    expect(rows.calls).toEqual([]);
  });

  it('sweeps on its interval once started', async () => {
    const rows = table(4);
    const retention = new Retention({ name: 'keys', retentionMs: HOUR, intervalMs: 10, deleteOlderThan: rows.deleteOlderThan, logger });

    retention.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    await retention.stop();

    expect(rows.left()).toBe(0);
  });
});
