import { createTestDatabase, eventually, type TestDatabase } from '@backbone/events/testing';
import { WakeablePasses } from './wakeable-passes';

describe('WakeablePasses on PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
  });

  afterAll(async () => {
    await database.drop();
  });

  it('runs a pass at start, on each notification, again at once when a pass asks, and one at a time', async () => {
    const log: string[] = [];
    let inPass = 0;
    let overlapped = false;
    let backlog = 0;
    const passes = new WakeablePasses({
      connectionString: database.url,
      channel: 'passes_pending',
      applicationName: 'passes-under-test',
      name: 'test',
      logger: { warn: (message) => log.push(`warn ${message}`), error: (message) => log.push(`error ${message}`) },
      pass: async () => {
        overlapped ||= inPass > 0;
        inPass++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        inPass--;
        log.push('pass');
        if (backlog > 0) backlog--;
        return backlog > 0;
      },
      // The idle poll is longer than the test: only notifications and "again" start passes.
      delayAfter: (again) => (again ? 0 : 60_000),
    });

    await passes.start();
    await eventually(async () => log.length === 1, 5_000, 'the first pass');
    backlog = 3;
    await database.db.raw('notify passes_pending');
    await eventually(async () => log.length === 4, 5_000, 'a notified pass and two more it asked for');
    // Two wake-ups in a row make one pass; after stop, none.
    passes.wake();
    passes.wake();
    await eventually(async () => log.length === 5, 5_000, 'the woken pass');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await passes.stop();
    passes.wake();
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(log).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(overlapped).toBe(false);
  });

  it('reports a failed pass and carries on at the idle poll', async () => {
    const errors: string[] = [];
    let calls = 0;
    const passes = new WakeablePasses({
      connectionString: database.url,
      channel: 'passes_failing',
      applicationName: 'passes-failing',
      name: 'test',
      logger: { warn: () => undefined, error: (message) => errors.push(message) },
      pass: async () => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        return false;
      },
      delayAfter: (again) => (again ? 0 : 50),
    });

    await passes.start();
    await eventually(async () => calls >= 2, 5_000, 'the pass after the failure');
    await passes.stop();

    expect(errors).toEqual(['test pass failed: database gone']);
  });
});
