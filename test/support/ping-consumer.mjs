// A consumer process for crash tests: applies backbone.test.Ping events into `applied`.
// CRASH_AT_SEQ=n kills the process (SIGKILL) right after the transaction holding seq n commits,
// before the offset commit: the batch is then redelivered and the inbox must drop it.
import knex from 'knex';
import events from '@backbone/events';
import testing from '@backbone/events/testing';

const { KafkaEventServer } = events;
const { pingCodec, PING_TYPE, testStack } = testing;
const { DATABASE, TOPIC, GROUP, CRASH_AT_SEQ, HANDLER_DELAY_MS } = process.env;

const db = knex({ client: 'pg', connection: DATABASE, pool: { min: 1, max: 4 } });
const server = new KafkaEventServer({
  kafka: { brokers: testStack.brokers, clientId: 'crash-test' },
  groupId: GROUP,
  db,
  codec: pingCodec(TOPIC),
  // A killed member blocks its partitions until its session expires: keep that short, and the
  // fetches small, so one run sees several batches.
  sessionTimeoutMs: 6000,
  maxBytesPerPartition: 4096,
});
server.addHandler(
  PING_TYPE,
  async (ping, ctx) => {
    await ctx.trx('applied').insert({ event_id: ctx.eventId, id: ping.id, seq: ping.seq });
    if (HANDLER_DELAY_MS) await new Promise((resolve) => setTimeout(resolve, Number(HANDLER_DELAY_MS)));
    if (CRASH_AT_SEQ !== undefined && ping.seq === Number(CRASH_AT_SEQ)) {
      ctx.trx.executionPromise.then(() => process.kill(process.pid, 'SIGKILL'));
    }
  },
  true,
);
server.listen((error) => {
  if (error) {
    console.error(error);
    process.exit(1);
  }
  console.log('consuming');
});
process.on('SIGTERM', () => server.close().then(() => db.destroy()).then(() => process.exit(0)));
