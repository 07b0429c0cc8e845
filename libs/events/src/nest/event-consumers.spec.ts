import type { KafkaEventServer } from '../transport/kafka-event-server';
import { EventConsumers } from './events.module';

describe('EventConsumers', () => {
  it('names the consumer groups whose consumer stopped for good', () => {
    const consumers = new EventConsumers();
    consumers.register('orders', { healthy: true } as KafkaEventServer);
    consumers.register('stock', { healthy: false } as KafkaEventServer);

    expect(consumers.crashed()).toEqual(['stock']);
  });
});
