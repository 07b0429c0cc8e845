import avro from 'avsc';
import { createAvroType } from './avro-type';

const withTimestamp = { type: 'record', name: 'Stamped', fields: [{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] } as const;

describe('timestamp-millis logical type', () => {
  it('writes a Date as epoch milliseconds and reads it back as a Date', () => {
    const type = createAvroType(withTimestamp);
    const at = new Date('2026-11-23T10:15:30.123Z');

    const decoded = type.fromBuffer(type.toBuffer({ at }));

    expect(decoded.at).toBeInstanceOf(Date);
    expect(decoded.at.toISOString()).toBe('2026-11-23T10:15:30.123Z');
  });

  it('refuses numbers, strings and invalid dates, so callers cannot mix representations', () => {
    const type = createAvroType(withTimestamp);

    expect(type.isValid({ at: 1764000000000 })).toBe(false);
    expect(type.isValid({ at: '2026-11-23T10:15:30Z' })).toBe(false);
    expect(type.isValid({ at: new Date('not a date') })).toBe(false);
  });

  it('reads data written by a plain long field as a Date', () => {
    const writer = avro.Type.forSchema({ type: 'record', name: 'Stamped', fields: [{ name: 'at', type: 'long' }] });
    const reader = createAvroType(withTimestamp);

    const decoded = reader.fromBuffer(writer.toBuffer({ at: 0 }), reader.createResolver(writer));

    expect(decoded.at).toEqual(new Date(0));
  });
});
