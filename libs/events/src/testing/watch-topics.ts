import type { EventName, EventPayloads } from '@backbone/schemas';
import { createBackboneCodec } from '../codec/backbone-catalog';
import { testKafka, testStack, uniqueName } from './test-stack';

export interface SeenEvent<N extends EventName = EventName> {
  type: N;
  key: string;
  payload: EventPayloads[N];
}

export interface TopicWatch {
  waitFor<N extends EventName>(type: N, match: (payload: EventPayloads[N]) => boolean, timeoutMs?: number): Promise<SeenEvent<N>>;
  /** Every catalog event seen so far. */
  seen(): readonly SeenEvent[];
  stop(): Promise<void>;
}

/**
 * Collects the catalog events that appear on `topics` from now on, decoded, so a test can wait
 * for the one it expects. Start it before causing the events.
 */
export async function watchTopics(topics: string[]): Promise<TopicWatch> {
  const kafka = testKafka('test-watch');
  const codec = createBackboneCodec({ url: testStack.registryUrl });
  const seen: SeenEvent[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('watch'), maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const type = message.headers?.['event-type']?.toString() as EventName | undefined;
      if (!type) return;
      const { payload } = await codec.decode(message.value);
      seen.push({ type, key: message.key?.toString() ?? '', payload } as SeenEvent);
    },
  });
  await joined;
  return {
    async waitFor(type, match, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((event) => event.type === type && match(event.payload as never));
        if (found) return found as never;
        if (Date.now() > deadline) throw new Error(`no ${type} matching within ${timeoutMs} ms; saw ${seen.map((event) => event.type).join(', ') || 'nothing'}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    seen: () => seen,
    stop: () => consumer.disconnect(),
  };
}

/** Resolves once the consumer group has members with partitions (a service's consumer has joined). */
export async function waitForConsumerGroup(groupId: string, timeoutMs = 60_000): Promise<void> {
  const admin = testKafka('test-admin').admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) return;
      if (Date.now() > deadline) throw new Error(`consumer group ${groupId} did not become stable within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
