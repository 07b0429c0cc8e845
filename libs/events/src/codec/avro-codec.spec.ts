import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { EventValidationError, PoisonMessageError, UnknownEventTypeError } from '../errors';
import { PING_TYPE, pingCatalog } from '../testing';
import { AvroCodec } from './avro-codec';

// These checks fail before any registry call, so the registry is never reached.
const unreachableRegistry = {} as SchemaRegistry;
const codec = new AvroCodec(unreachableRegistry, pingCatalog('test.ping.v1'));

describe('AvroCodec', () => {
  it('names every field that does not match the schema', async () => {
    const failure = codec.encode(PING_TYPE, { id: 42, seq: 'one', note: null });
    await expect(failure).rejects.toBeInstanceOf(EventValidationError);
    await expect(failure).rejects.toMatchObject({ code: 'EVENTS.INVALID_PAYLOAD', invalidPaths: ['id', 'seq'] });
  });

  it('refuses an event type the catalog does not know', async () => {
    await expect(codec.encode('backbone.test.Nope', {})).rejects.toBeInstanceOf(UnknownEventTypeError);
    expect(() => codec.topicOf('backbone.test.Nope')).toThrow('backbone.test.Nope is not in the event catalog');
  });

  it.each([
    ['an empty value', null],
    ['a JSON value', Buffer.from('{"id":"a"}')],
    ['a value shorter than the wire-format header', Buffer.from([0, 0, 1])],
  ])('treats %s as poison', async (_name, value) => {
    await expect(codec.decode(value)).rejects.toMatchObject({ code: 'EVENTS.NOT_AVRO' });
    await expect(codec.decode(value)).rejects.toBeInstanceOf(PoisonMessageError);
  });
});
