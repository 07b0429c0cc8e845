// An outbox relay process for crash tests.
// CRASH_AFTER_FIRST_SEND=1 kills the process (SIGKILL) after its first batch reached Kafka but
// before the rows were deleted: the restarted relay publishes them again (consumers dedupe).
import events from '@backbone/events';
import testing from '@backbone/events/testing';

const { EventProducer, OutboxRelay } = events;
const { testKafka } = testing;
const { DATABASE, CRASH_AFTER_FIRST_SEND, BATCH_SIZE } = process.env;

const producer = new EventProducer(testKafka('crash-relay'));
if (CRASH_AFTER_FIRST_SEND) {
  const send = producer.send.bind(producer);
  producer.send = async (records) => {
    await send(records);
    process.kill(process.pid, 'SIGKILL');
  };
}
const relay = new OutboxRelay(producer, { connectionString: DATABASE, batchSize: Number(BATCH_SIZE ?? 1000), pollIntervalMs: 50 });
relay.start();
console.log('relaying');
process.on('SIGTERM', () => relay.stop().then(() => producer.disconnect()).then(() => process.exit(0)));
