import { PeriodicJob } from './periodic-job';

describe('PeriodicJob', () => {
  const errors: string[] = [];
  const logger = { error: (message: string) => void errors.push(message) };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeEach(() => (errors.length = 0));

  it('runs on its interval, one run at a time', async () => {
    let runs = 0;
    let concurrent = 0;
    let mostConcurrent = 0;
    const job = new PeriodicJob({
      name: 'sweep',
      intervalMs: 5,
      logger,
      run: async () => {
        runs += 1;
        mostConcurrent = Math.max(mostConcurrent, ++concurrent);
        await sleep(20);
        concurrent -= 1;
      },
    });

    job.start();
    await sleep(100);
    await job.stop();

    expect(runs).toBeGreaterThanOrEqual(2);
    expect(mostConcurrent).toBe(1);
  });

  it('lets a caller run it now, joining a run under way', async () => {
    let runs = 0;
    const job = new PeriodicJob({ name: 'purge', intervalMs: 60_000, logger, run: async () => (await sleep(10), ++runs) });

    const [first, second] = await Promise.all([job.runNow(), job.runNow()]);
    const third = await job.runNow();

    expect([first, second, third]).toEqual([1, 1, 2]);
  });

  it('logs a failed run and runs again at the next interval', async () => {
    let runs = 0;
    const job = new PeriodicJob({
      name: 'expiry',
      intervalMs: 5,
      logger,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error('database unavailable');
      },
    });

    job.start();
    await sleep(60);
    await job.stop();

    expect(errors[0]).toBe('expiry failed: database unavailable');
    expect(runs).toBeGreaterThanOrEqual(2);
  });

  it('waits for the run under way when stopped, and runs no more after', async () => {
    let finished = 0;
    let started = 0;
    const job = new PeriodicJob({ name: 'sweep', intervalMs: 5, logger, run: async () => (started++, await sleep(30), finished++) });

    job.start();
    await sleep(10);
    await job.stop();
    const afterStop = started;
    await sleep(30);

    expect(started).toBeGreaterThan(0);
    expect(finished).toBe(started);
    expect(started).toBe(afterStop);
  });
});
