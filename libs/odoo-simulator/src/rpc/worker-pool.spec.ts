import { startOdooSimulator } from '../simulator';
import { json2, legacy } from '../spec-support/rpc-clients';
import { WorkerPool } from './worker-pool';

describe('WorkerPool', () => {
  it('serves at most `size` at once and the rest in arrival order', async () => {
    const pool = new WorkerPool(2);
    const order: string[] = [];
    const releaseA = await pool.acquire();
    const releaseB = await pool.acquire();
    const c = pool.acquire().then((release) => (order.push('c'), release));
    const d = pool.acquire().then((release) => (order.push('d'), release));
    expect([pool.active, pool.queued]).toEqual([2, 2]);
    releaseA();
    releaseB();
    (await c)();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect([pool.active, pool.queued]).toEqual([0, 0]);
  });
});

describe('worker limit and latency over HTTP', () => {
  it('never serves more calls at once than workers, queueing the rest, each taking the latency', async () => {
    const sim = await startOdooSimulator({ version: 19, workers: 2, latencyMs: 40 });
    try {
      const started = Date.now();
      const calls = Array.from({ length: 8 }, (_, i) =>
        i % 2 ? legacy(sim)('res.partner', 'search_count', [[]]) : json2(sim)('res.partner', 'search_count', { domain: [] }),
      );
      await Promise.all(calls);
      const elapsed = Date.now() - started;
      expect(sim.stats.maxConcurrent).toBe(2);
      // 8 calls, 2 at a time, 40 ms each: at least 4 rounds.
      expect(elapsed).toBeGreaterThanOrEqual(4 * 40 - 5);
      expect(sim.stats.concurrent).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('answers immediately without latency and within the latency with it', async () => {
    const sim = await startOdooSimulator({ version: 19, latencyMs: 100 });
    try {
      const started = Date.now();
      await json2(sim)('res.partner', 'search_count', { domain: [] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    } finally {
      await sim.stop();
    }
  });
});
