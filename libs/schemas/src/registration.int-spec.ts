// Against the real schema registry at SCHEMA_REGISTRY_URL (default http://127.0.0.1:58081).
// Subjects get a per-run prefix so reruns never meet earlier versions.
import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { catalog, findEvent } from './catalog';
import { logicalTypes } from './logical-types';
import { IncompatibleSchemaError, registerSchemas } from './registration';

const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:58081';
const run = `it-${randomUUID().slice(0, 8)}`;

// Soft then permanent delete, so the shared registry does not collect test subjects.
async function deleteSubjectsOfThisRun(): Promise<void> {
  const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[] | null;
  for (const subject of (subjects ?? []).filter((name) => name.startsWith(run))) {
    await fetch(`${registryUrl}/subjects/${subject}`, { method: 'DELETE' });
    await fetch(`${registryUrl}/subjects/${subject}?permanent=true`, { method: 'DELETE' });
  }
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${registryUrl}${path}`);
  return response.json();
}

describe('registering the catalog', () => {
  afterAll(deleteSubjectsOfThisRun);

  const schemas = catalog.map((event) => ({ subject: `${run}.${event.subject}`, schema: event.schema }));

  it('registers every catalog schema, each subject under BACKWARD_TRANSITIVE', async () => {
    const { registered, failures } = await registerSchemas(registryUrl, schemas);

    expect(failures).toEqual([]);
    expect(registered.map((r) => r.subject)).toEqual(schemas.map((s) => s.subject));
    for (const { subject, schema } of schemas) {
      expect(await getJson(`/config/${subject}`)).toEqual({ compatibilityLevel: 'BACKWARD_TRANSITIVE' });
      const latest = (await getJson(`/subjects/${subject}/versions/latest`)) as { version: number; schema: string };
      expect(latest.version).toBe(1);
      expect(JSON.parse(latest.schema)).toEqual(schema);
    }
  });

  it('is idempotent: registering the same schemas again keeps ids and versions', async () => {
    const first = await registerSchemas(registryUrl, schemas);

    const second = await registerSchemas(registryUrl, schemas);

    expect(second.failures).toEqual([]);
    expect(second.registered).toEqual(first.registered);
    expect(await getJson(`/subjects/${schemas[0].subject}/versions`)).toEqual([1]);
  });

  it('refuses an incompatible edit, naming the subject and the registry reason, and keeps going', async () => {
    // Given OrderReceived is registered
    const event = findEvent('backbone.orders.OrderReceived');
    const subject = `${run}-incompatible.${event.subject}`;
    const other = `${run}-incompatible.${findEvent('backbone.orders.OrderCancelled').subject}`;
    await registerSchemas(registryUrl, [{ subject, schema: event.schema }]);

    // When a version with a new required field is registered next to a compatible subject
    const edited = { ...event.schema, fields: [...event.schema.fields, { name: 'priority', type: 'string', doc: 'New, no default.' }] };
    const { registered, failures } = await registerSchemas(registryUrl, [
      { subject, schema: edited },
      { subject: other, schema: findEvent('backbone.orders.OrderCancelled').schema },
    ]);

    // Then that subject is refused with the registry's reason, the other one still registers
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(IncompatibleSchemaError);
    expect(failures[0].subject).toBe(subject);
    expect(failures[0].message).toContain(subject);
    expect(failures[0].message).toContain('priority');
    expect(registered.map((r) => r.subject)).toEqual([other]);
    expect(await getJson(`/subjects/${subject}/versions`)).toEqual([1]);
  });

  it('works with the registry client the codec uses: id lookup by schema and by latest version, encode and decode', async () => {
    const event = findEvent('backbone.inventory.AvailabilityChanged');
    const subject = `${run}-client.${event.subject}`;
    const { registered } = await registerSchemas(registryUrl, [{ subject, schema: event.schema }]);
    const client = new SchemaRegistry({ host: registryUrl }, { [SchemaType.AVRO]: { logicalTypes } });
    const payload = { channel: 'webshop', sku: 'SKU-1', available: { value: '12', uom: 'Units' }, asOf: new Date('2026-11-23T10:00:00.000Z') };

    const byLatest = await client.getLatestSchemaId(subject);
    const bySchema = await client.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(event.schema) });
    const decoded = await client.decode(await client.encode(byLatest, payload));

    expect(byLatest).toBe(registered[0].id);
    expect(bySchema).toBe(registered[0].id);
    expect(decoded).toEqual(payload);
  });
});
