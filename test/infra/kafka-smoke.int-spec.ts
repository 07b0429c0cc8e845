import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EventProducer } from '@backbone/events';
import { createTestTopic, testKafka, uniqueName } from '@backbone/events/testing';

// Restarting the broker is only possible on the local stack that tools/test.sh started;
// an external cluster is not ours to restart.
const localStack = process.env.BACKBONE_LOCAL_STACK === '1';
const itOnLocalStack = localStack ? it : it.skip;

function restartLocalKafka(): void {
  execFileSync('bash', [join(__dirname, '../../infra/stack.sh'), 'restart-kafka'], { stdio: 'pipe' });
}

/**
 * Decides whether kafkajs works with the broker version we run (see README, "Local stack"):
 * create a topic, produce, consume in a group and commit, restart the broker, resume.
 */
describe('kafkajs against the local Kafka broker', () => {
  itOnLocalStack('resumes a consumer group from its committed offset after a broker restart', async () => {
    const kafka = testKafka('smoke');
    const topic = await createTestTopic(kafka, 'test.smoke', 1);
    const groupId = uniqueName('smoke-group');
    const producer = new EventProducer(kafka);
    const send = (values: string[]) => producer.send(values.map((value) => ({ topic, key: 'k', value: Buffer.from(value), headers: {} })));
    const consumeUntil = async (count: number): Promise<string[]> => {
      const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ message, partition }) => {
              seen.push(message.value!.toString());
              await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
              if (seen.length === count) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
      return seen;
    };

    await send(['one', 'two', 'three']);
    expect(await consumeUntil(3)).toEqual(['one', 'two', 'three']);
    await producer.disconnect();

    restartLocalKafka();

    await send(['four', 'five']);
    expect(await consumeUntil(2)).toEqual(['four', 'five']);
    await producer.disconnect();
  }, 180_000);
});
