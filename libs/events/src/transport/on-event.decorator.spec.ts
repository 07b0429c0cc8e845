import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { OnEvent } from './on-event.decorator';

class Handlers {
  @OnEvent('backbone.orders.OrderValidated')
  one(): void {}

  @OnEvent(['backbone.orders.OrderReceived', 'backbone.orders.OrderCancelled'])
  several(): void {}
}

describe('@OnEvent', () => {
  it('subscribes a handler to one event type', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.one)).toEqual(['backbone.orders.OrderValidated']);
  });

  it('subscribes one handler to several event types, each its own pattern', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.several)).toEqual(['backbone.orders.OrderReceived', 'backbone.orders.OrderCancelled']);
  });
});
