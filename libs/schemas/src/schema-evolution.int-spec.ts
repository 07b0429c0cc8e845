// How the registry (BACKWARD_TRANSITIVE) and avsc treat schema edits, on the real registry at
// SCHEMA_REGISTRY_URL (default http://127.0.0.1:58081). Subjects are unique per run.
import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { AvroField, AvroRecordSchema } from './avro-schema';
import { createAvroType } from './avro-type';
import { findEvent } from './catalog';
import type { OrderCancelled } from './generated/event-payloads.generated';
import { logicalTypes } from './logical-types';
import { findIncompatibilities, IncompatibleSchemaError, registerSchema } from './registration';

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:58081';
const run = `it-${randomUUID().slice(0, 8)}`;
const v1 = findEvent('backbone.orders.OrderCancelled').schema;
let subjects = 0;

function newSubject(): string {
  subjects += 1;
  return `${run}-evolution-${subjects}.orders.order.v1-backbone.orders.OrderCancelled`;
}

// Soft then permanent delete, so the shared registry does not collect test subjects.
async function deleteSubjectsOfThisRun(): Promise<void> {
  const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[] | null;
  for (const subject of (subjects ?? []).filter((name) => name.startsWith(run))) {
    await fetch(`${registryUrl}/subjects/${subject}`, { method: 'DELETE' });
    await fetch(`${registryUrl}/subjects/${subject}?permanent=true`, { method: 'DELETE' });
  }
}

function withField(schema: AvroRecordSchema, field: AvroField): AvroRecordSchema {
  return { ...schema, fields: [...schema.fields, field] };
}

function withoutField(schema: AvroRecordSchema, name: string): AvroRecordSchema {
  return { ...schema, fields: schema.fields.filter((field) => field.name !== name) };
}

async function writerSchemaOf(id: number): Promise<AvroRecordSchema> {
  const response = await fetch(`${registryUrl}/schemas/ids/${id}`);
  return JSON.parse(((await response.json()) as { schema: string }).schema);
}

const cancelled: OrderCancelled = {
  orderId: '0193a5b2-7c4e-7000-8000-000000000002',
  reason: { code: 'ORDER.CUSTOMER_REQUEST', message: 'Customer called' },
  cancelledBy: 'user-17',
};
const optionalChannel: AvroField = { name: 'channel', type: ['null', 'string'], default: null, doc: 'Sales channel; null when unknown.' };

describe('schema evolution under BACKWARD_TRANSITIVE', () => {
  afterAll(deleteSubjectsOfThisRun);

  it('accepts a new optional field with a default; a consumer on the old schema still reads the new records', async () => {
    // Given v1 is registered and v2 adds an optional field
    const subject = newSubject();
    const first = await registerSchema(registryUrl, { subject, schema: v1 });
    const v2 = withField(v1, optionalChannel);

    // When v2 is registered and a producer writes with it
    const second = await registerSchema(registryUrl, { subject, schema: v2 });
    const client = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: { logicalTypes } });
    const record = await client.encode(second.id, { ...cancelled, channel: 'webshop' });

    // Then it is a new version, and the old reader resolves the writer schema from the registry
    expect(second.id).not.toBe(first.id);
    const writer = createAvroType(await writerSchemaOf(record.readInt32BE(1)));
    const oldReader = createAvroType(v1);
    const decoded = oldReader.fromBuffer(record.subarray(5), oldReader.createResolver(writer));
    expect(decoded).toEqual(cancelled);
    expect(decoded).not.toHaveProperty('channel');
    // ... and so does the registry client the codec uses, given the old schema as reader
    expect(await client.decode(record, { [SchemaType.AVRO]: { readerSchema: { ...v1, fields: [...v1.fields] } } })).toEqual(cancelled);
  });

  it('lets a consumer on the new schema read old records, filling the default', () => {
    const v2 = withField(v1, optionalChannel);
    const newReader = createAvroType(v2);
    const oldWriter = createAvroType(v1);

    const decoded = newReader.fromBuffer(oldWriter.toBuffer(cancelled), newReader.createResolver(oldWriter));

    expect(decoded).toEqual({ ...cancelled, channel: null });
  });

  it('refuses a new field without a default, naming the field', async () => {
    const subject = newSubject();
    await registerSchema(registryUrl, { subject, schema: v1 });

    const attempt = registerSchema(registryUrl, { subject, schema: withField(v1, { name: 'priority', type: 'string', doc: 'No default.' }) });

    await expect(attempt).rejects.toBeInstanceOf(IncompatibleSchemaError);
    await expect(attempt).rejects.toThrow(/priority/);
  });

  it('refuses changing a field type', async () => {
    const subject = newSubject();
    await registerSchema(registryUrl, { subject, schema: v1 });
    const retyped = { ...v1, fields: v1.fields.map((field) => (field.name === 'cancelledBy' ? { ...field, type: 'int' } : field)) };

    await expect(registerSchema(registryUrl, { subject, schema: retyped })).rejects.toThrow(/cancelledBy/);
  });

  it('checks every earlier version, not only the latest', async () => {
    // Given v1, then v2 adding a field with a default
    const subject = newSubject();
    await registerSchema(registryUrl, { subject, schema: v1 });
    const withDefault: AvroField = { name: 'giftWrap', type: 'boolean', default: false, doc: 'Gift wrapped.' };
    await registerSchema(registryUrl, { subject, schema: withField(v1, withDefault) });

    // When v3 drops that default: it can read v2 data but not v1 data
    const v3 = withField(v1, { name: 'giftWrap', type: 'boolean', doc: 'Gift wrapped, no default.' });

    // Then it is refused
    expect(await findIncompatibilities(registryUrl, subject, v3)).not.toEqual([]);
    await expect(registerSchema(registryUrl, { subject, schema: v3 })).rejects.toBeInstanceOf(IncompatibleSchemaError);
  });

  it('accepts removing a required field, which consumers on the old schema can no longer read', async () => {
    // BACKWARD(_TRANSITIVE) protects new readers only: upgrade consumers before producers, and
    // never remove a field without a default within a topic major (see README).
    const subject = newSubject();
    await registerSchema(registryUrl, { subject, schema: v1 });
    const v2 = withoutField(v1, 'cancelledBy');

    await expect(registerSchema(registryUrl, { subject, schema: v2 })).resolves.toMatchObject({ subject });
    expect(() => createAvroType(v1).createResolver(createAvroType(v2))).toThrow(/cancelledBy/);
  });
});
