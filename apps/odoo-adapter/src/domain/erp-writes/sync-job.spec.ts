import { retryDelayMs } from './sync-job';

describe('sync job retry delay', () => {
  it('doubles from 200 ms and stops at the ceiling', () => {
    expect([1, 2, 3].map((attempts) => retryDelayMs(attempts, 30_000))).toEqual([200, 400, 800]);
    expect(retryDelayMs(50, 30_000)).toBe(30_000);
  });
});
