import { createBackboneCodec } from '@backbone/events';
import { testKafka, testStack, uniqueName } from '@backbone/events/testing';

export interface SeenEvent {
  type: string;
  key: string;
  payload: Record<string, unknown>;
}

/**
 * Decoded events that appear on `topic` from now on: a fresh consumer group from the latest
 * offset, joined before this returns (the topic is shared with other tests and earlier runs).
 */
export async function watchTopic(topic: string): Promise<{ seen: SeenEvent[]; stop(): Promise<void> }> {
  const codec = createBackboneCodec({ url: testStack.registryUrl });
  const seen: SeenEvent[] = [];
  const consumer = testKafka('odoo-adapter-watch').consumer({ groupId: uniqueName('watch'), maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { payload } = await codec.decode(message.value);
      seen.push({ type: message.headers?.['event-type']?.toString() ?? '', key: message.key?.toString() ?? '', payload: payload as Record<string, unknown> });
    },
  });
  await joined;
  return { seen, stop: () => consumer.disconnect() };
}
