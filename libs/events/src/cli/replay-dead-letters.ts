/* Re-drives dead letters after a fix:
 *   npm run dlq:replay -- --topic orders.order.v1 [--group order-service] [--event-id <id> ...]
 * Reads KAFKA_BROKERS (comma-separated) and KAFKA_CLIENT_ID from the environment. */
import { parseArgs } from 'node:util';
import { createKafka } from '../kafka/kafka-config';
import { EventProducer } from '../kafka/event-producer';
import { replayDeadLetters } from '../dead-letters/replay';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { topic: { type: 'string' }, group: { type: 'string' }, 'event-id': { type: 'string', multiple: true } },
  });
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  if (!values.topic || !brokers?.length) {
    console.error('usage: replay-dead-letters --topic <source topic> [--group <consumer group>] [--event-id <id> ...]; needs KAFKA_BROKERS');
    process.exit(2);
  }
  const kafka = createKafka({ brokers, clientId: process.env.KAFKA_CLIENT_ID ?? 'dlq-replay' });
  const producer = new EventProducer(kafka);
  try {
    const report = await replayDeadLetters(kafka, producer, values.topic, { consumerGroup: values.group, eventIds: values['event-id'] });
    console.log(JSON.stringify(report));
  } finally {
    await producer.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`replay failed: ${(error as Error).message}`);
  process.exit(1);
});
