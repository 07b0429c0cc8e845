/* Creates every catalog topic and its dead-letter topic on the cluster in KAFKA_BROKERS.
 *   npm run topics:create   (idempotent: existing topics are left alone)
 * Production clusters get the same topics from deploy/k8s; this serves local and CI stacks. */
import { topics } from '@backbone/schemas';
import { createKafka } from '../kafka/kafka-config';
import { ensureTopics } from '../kafka/topics';

const PARTITIONS = Number(process.env.TOPIC_PARTITIONS ?? 6);

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  if (!brokers?.length) {
    console.error('create-topics needs KAFKA_BROKERS (comma-separated host:port list)');
    process.exit(2);
  }
  await ensureTopics(createKafka({ brokers, clientId: 'create-topics' }), topics.map((topic) => ({ topic, partitions: PARTITIONS })));
  console.log(`topics ready: ${topics.join(', ')} (+ .dlq)`);
}

main().catch((error: unknown) => {
  console.error(`creating topics failed: ${(error as Error).message}`);
  process.exit(1);
});
