import { createTestDatabase, eventually, type TestDatabase } from '@backbone/events/testing';
import { NotificationListener } from './notification-listener';

describe('NotificationListener on PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
  });

  afterAll(async () => {
    await database.drop();
  });

  it('wakes on a committed notification, and listens again after its connection is killed', async () => {
    let notifications = 0;
    const problems: string[] = [];
    const listener = new NotificationListener({
      connectionString: database.url,
      channel: 'work_pending',
      applicationName: 'listener-under-test',
      onNotification: () => (notifications += 1),
      onProblem: (message) => problems.push(message),
      reconnectDelayMs: 50,
    });

    expect(await listener.start()).toBe(true);
    await database.db.raw(`notify work_pending`);
    await eventually(async () => notifications === 1, 5_000, 'the first notification');

    await database.db.raw(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'listener-under-test'`);
    await eventually(async () => problems.length > 0 && listener.listening, 5_000, 'the listener to reconnect');
    await database.db.raw(`notify work_pending`);
    await eventually(async () => notifications === 2, 5_000, 'a notification after reconnecting');
    await listener.stop();

    expect(problems[0]).toMatch(/^listener on work_pending: /);
  });

  it('reports a connection it cannot make, and keeps trying until stopped', async () => {
    const problems: string[] = [];
    const unreachable = new URL(database.url);
    unreachable.port = '1';
    const listener = new NotificationListener({
      connectionString: unreachable.toString(),
      channel: 'work_pending',
      applicationName: 'listener-unreachable',
      onNotification: () => undefined,
      onProblem: (message) => problems.push(message),
      reconnectDelayMs: 20,
    });

    expect(await listener.start()).toBe(false);
    await eventually(async () => problems.length >= 2, 5_000, 'a second attempt');
    await listener.stop();

    expect(listener.listening).toBe(false);
    expect(problems[0]).toMatch(/^listener on work_pending: .*ECONNREFUSED/);
  });
});
