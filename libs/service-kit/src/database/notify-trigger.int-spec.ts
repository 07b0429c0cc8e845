import { createTestDatabase, eventually, type TestDatabase } from '@backbone/events/testing';
import { NotificationListener } from './notification-listener';
import { notifyTrigger } from './notify-trigger';

describe('notifyTrigger on PostgreSQL', () => {
  let database: TestDatabase;
  const trigger = notifyTrigger({ table: 'work_item', trigger: 'work_item_added', fn: 'work_item_notify', channel: 'work_item_pending' });

  beforeAll(async () => {
    database = await createTestDatabase({ eventTables: false });
    await database.db.raw('create table work_item (id int primary key)');
  });

  afterAll(async () => {
    await database.drop();
  });

  it('notifies once per writing statement while created, and not after it is dropped', async () => {
    let notifications = 0;
    const listener = new NotificationListener({
      connectionString: database.url,
      channel: 'work_item_pending',
      applicationName: 'notify-trigger-test',
      onNotification: () => (notifications += 1),
      onProblem: () => undefined,
    });
    await listener.start();
    try {
      await database.db.raw(trigger.create);
      await database.db('work_item').insert([{ id: 1 }, { id: 2 }, { id: 3 }]);
      await eventually(async () => notifications === 1, 5_000, 'one notification for the statement');

      await database.db.raw(trigger.drop);
      await database.db('work_item').insert({ id: 4 });
      await database.db.raw(`notify work_item_pending`);
      await eventually(async () => notifications === 2, 5_000, 'the control notification');
    } finally {
      await listener.stop();
    }

    expect(notifications).toBe(2);
  });
});
