import type { AvroField, AvroSchema } from './avro-schema';
import { catalog } from './catalog';

// Named types and fields of every catalog schema, with where they sit for readable failures.
interface NamedType {
  path: string;
  schema: Exclude<AvroSchema, string | readonly AvroSchema[]> & { name: string; namespace?: string; doc?: string };
}
interface FieldAt {
  path: string;
  /** Full name of the record that declares the field. */
  owner: string;
  field: AvroField;
}

function walk(schema: AvroSchema, path: string, named: NamedType[], fields: FieldAt[]): void {
  if (typeof schema === 'string') return;
  if (Array.isArray(schema)) {
    for (const branch of schema as readonly AvroSchema[]) walk(branch, path, named, fields);
    return;
  }
  const complex = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
  if (complex.type === 'record' || complex.type === 'enum') named.push({ path, schema: complex });
  if (complex.type === 'record') {
    for (const field of complex.fields) {
      fields.push({ path: `${path}.${field.name}`, owner: `${complex.namespace}.${complex.name}`, field });
      walk(field.type, `${path}.${field.name}`, named, fields);
    }
  }
  if (complex.type === 'array') walk(complex.items, `${path}[]`, named, fields);
  if (complex.type === 'map') walk(complex.values, `${path}{}`, named, fields);
}

const named: NamedType[] = [];
const fields: FieldAt[] = [];
for (const event of catalog) walk(event.schema, event.name, named, fields);

// Every primitive type name used anywhere, including union branches and array items.
function primitivesIn(schema: AvroSchema): string[] {
  if (typeof schema === 'string') return [schema];
  if (Array.isArray(schema)) return (schema as readonly AvroSchema[]).flatMap(primitivesIn);
  const complex = schema as Exclude<AvroSchema, string | readonly AvroSchema[]>;
  if (complex.type === 'array') return primitivesIn(complex.items);
  if (complex.type === 'map') return primitivesIn(complex.values);
  if (complex.type === 'record' || complex.type === 'enum') return [];
  return [complex.type];
}

function isTimestampMillis(schema: AvroSchema): boolean {
  const branches = Array.isArray(schema) ? (schema as readonly AvroSchema[]).filter((branch) => branch !== 'null') : [schema];
  return branches.length === 1 && typeof branches[0] === 'object' && (branches[0] as { logicalType?: string }).logicalType === 'timestamp-millis';
}

function typeNameOf(schema: AvroSchema): string | undefined {
  const branch = Array.isArray(schema) ? (schema as readonly AvroSchema[]).find((b) => b !== 'null') : schema;
  if (typeof branch === 'string') return branch;
  const complex = branch as { type: string; name?: string; namespace?: string };
  return complex.name ? `${complex.namespace}.${complex.name}` : complex.type;
}

describe('schema conventions', () => {
  it('documents every record, enum and field', () => {
    const undocumented = [...named.filter((n) => !n.schema.doc?.trim()).map((n) => n.path), ...fields.filter((f) => !f.field.doc?.trim()).map((f) => f.path)];

    expect(undocumented).toEqual([]);
  });

  it('uses no binary floating point anywhere (money and quantities are decimal strings)', () => {
    const floats = fields.filter((f) => primitivesIn(f.field.type).some((type) => type === 'float' || type === 'double')).map((f) => f.path);

    expect(floats).toEqual([]);
  });

  it('stores every timestamp as a UTC timestamp-millis long', () => {
    // A long that is not an instant must say what it counts in its name (a source's sequence number).
    const isCounter = (name: string) => /(sequence|Sequence|count|Count)$/.test(name);
    const plainLongs = fields
      .filter((f) => primitivesIn(f.field.type).includes('long') && !isTimestampMillis(f.field.type) && !isCounter(f.field.name))
      .map((f) => f.path);
    const untypedTimes = fields.filter((f) => /(At|asOf|dateStart|dateEnd|Until)$/.test(f.field.name) && !isTimestampMillis(f.field.type)).map((f) => f.path);

    expect(plainLongs).toEqual([]);
    expect(untypedTimes).toEqual([]);
  });

  it('types money as backbone.common.Money and quantities as backbone.common.Quantity', () => {
    const money = fields.filter((f) => /(price|Price|amount|creditLimit)$/.test(f.field.name) && f.owner !== 'backbone.common.Money');
    const quantities = fields.filter((f) => /(quantity|Quantity|shipped|backordered|requested|reserved|available)$/.test(f.field.name));

    expect(money.filter((f) => typeNameOf(f.field.type) !== 'backbone.common.Money').map((f) => f.path)).toEqual([]);
    expect(quantities.filter((f) => typeNameOf(f.field.type) !== 'backbone.common.Quantity').map((f) => f.path)).toEqual([]);
  });

  it('makes optional fields ["null", T] with a null default, so adding one stays compatible', () => {
    const badUnions = fields
      .filter((f) => Array.isArray(f.field.type))
      .filter((f) => (f.field.type as readonly AvroSchema[])[0] !== 'null' || (f.field.type as readonly AvroSchema[]).length !== 2 || f.field.default !== null)
      .map((f) => f.path);

    expect(badUnions).toEqual([]);
  });

  it('keeps named types in backbone.common or the domain namespace of their event', () => {
    const strays = catalog.flatMap((event) => {
      const own: NamedType[] = [];
      walk(event.schema, event.name, own, []);
      return own.filter((n) => n.schema.namespace !== 'backbone.common' && n.schema.namespace !== event.schema.namespace).map((n) => n.path);
    });

    expect(strays).toEqual([]);
  });

  it('spells types PascalCase, fields camelCase and enum symbols UPPER_SNAKE_CASE', () => {
    const badTypeNames = named.filter((n) => !/^[A-Z][A-Za-z0-9]*$/.test(n.schema.name)).map((n) => n.path);
    const badFieldNames = fields.filter((f) => !/^[a-z][A-Za-z0-9]*$/.test(f.field.name)).map((f) => f.path);
    const badSymbols = named.flatMap((n) => (n.schema.type === 'enum' ? n.schema.symbols.filter((s) => !/^[A-Z][A-Z0-9_]*$/.test(s)) : []));

    expect([...badTypeNames, ...badFieldNames, ...badSymbols]).toEqual([]);
  });
});
