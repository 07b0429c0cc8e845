import { createTestDatabase, type TestDatabase } from '../testing';
import { newEventId } from '../envelope/event-id';
import { INBOX_TABLE } from '../migrations/event-tables';
import { InboxJanitor } from './inbox-janitor';
import { Inbox } from './inbox';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('InboxJanitor on PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  async function processedDaysAgo(group: string, days: number, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => newEventId());
    const processedAt = new Date(Date.now() - days * DAY_MS);
    await database.db(INBOX_TABLE).insert(ids.map((eventId) => ({ consumer_group: group, event_id: eventId, processed_at: processedAt })));
    return ids;
  }

  it('forgets ids older than the retention in chunks, keeps newer ones, and a forgotten id can be claimed again', async () => {
    const old = await processedDaysAgo('janitor-a', 40, 25);
    const recent = await processedDaysAgo('janitor-a', 2, 5);
    const janitor = new InboxJanitor(database.db, { retentionMs: 35 * DAY_MS, intervalMs: 60_000, chunkSize: 10 });

    const purged = await janitor.purgeNow();

    const left = await database.db(INBOX_TABLE).where({ consumer_group: 'janitor-a' }).pluck('event_id');
    expect(purged).toBe(25);
    expect(left.sort()).toEqual([...recent].sort());
    const claimed = await database.db.transaction((trx) => Inbox.claim(trx, 'janitor-a', [old[0], recent[0]]));
    expect([...claimed]).toEqual([old[0]]);
  });

  it('purges on its interval once started, and stops cleanly', async () => {
    await processedDaysAgo('janitor-b', 10, 3);
    const janitor = new InboxJanitor(database.db, { retentionMs: DAY_MS, intervalMs: 50 });

    janitor.start();
    const deadline = Date.now() + 5_000;
    while ((await database.db(INBOX_TABLE).where({ consumer_group: 'janitor-b' }).count({ n: '*' }).first())?.n !== '0' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await janitor.stop();

    expect(await database.db(INBOX_TABLE).where({ consumer_group: 'janitor-b' }).count({ n: '*' }).first()).toEqual({ n: '0' });
  });
});
