// Reads avro/**/*.avsc and avro/topics.json and returns the event catalog: one self-contained
// schema per event record. The registry stores each subject's schema on its own, so named types
// from other files (backbone.common.Money, ...) are inlined where first used and referenced by
// full name after that, as the Avro spec requires.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import avro from 'avsc';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'enum', 'fixed']);
const TOPIC = /^([a-z][a-z0-9-]*)\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

export class CatalogError extends Error {}

/** @returns {{ topics: string[], events: { topic: string, name: string, subject: string, schema: object }[] }} */
export function buildCatalog({ avroDir, logicalTypes }) {
  const named = indexNamedTypes(avroDir, new Set(Object.keys(logicalTypes)));
  const topics = JSON.parse(readFileSync(path.join(avroDir, 'topics.json'), 'utf8'));
  const used = new Set();
  const events = [];
  for (const [topic, names] of Object.entries(topics)) {
    const match = TOPIC.exec(topic);
    if (!match) throw new CatalogError(`topics.json: "${topic}" is not <domain>.<aggregate>.v<major>`);
    for (const name of names) {
      const definition = named.get(name);
      if (definition?.schema.type !== 'record') throw new CatalogError(`topics.json lists ${name} on ${topic}, but no .avsc defines that record`);
      if (events.some((event) => event.name === name)) {
        throw new CatalogError(`topics.json lists ${name} twice; a record full name belongs to one topic (a .v2 topic gets a new namespace)`);
      }
      if (!name.startsWith(`backbone.${match[1]}.`)) throw new CatalogError(`${name} is in topic ${topic}, so its namespace must be backbone.${match[1]}`);
      const schema = expand(name, named, used);
      assertParses(name, schema, logicalTypes);
      events.push({ topic, name, subject: `${topic}-${name}`, schema });
    }
  }
  const unused = [...named.keys()].filter((name) => !used.has(name));
  if (unused.length > 0) throw new CatalogError(`defined but used by no event in topics.json: ${unused.join(', ')}`);
  return { topics: Object.keys(topics), events };
}

function indexNamedTypes(avroDir, knownLogicalTypes) {
  const named = new Map();
  for (const domain of readdirSync(avroDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const expectedNamespace = `backbone.${domain.name}`;
    for (const file of readdirSync(path.join(avroDir, domain.name)).filter((name) => name.endsWith('.avsc')).sort()) {
      const where = `avro/${domain.name}/${file}`;
      const schema = parseJson(path.join(avroDir, domain.name, file), where);
      if (!NAMED.has(schema.type)) throw new CatalogError(`${where}: the top level must be a named type (record, enum or fixed)`);
      if (schema.namespace !== expectedNamespace) throw new CatalogError(`${where}: namespace must be "${expectedNamespace}"`);
      if (`${kebabCase(schema.name)}.avsc` !== file) throw new CatalogError(`${where}: file must be named ${kebabCase(schema.name)}.avsc after ${schema.name}`);
      collectDefinitions(schema, expectedNamespace, where, named, knownLogicalTypes);
    }
  }
  return named;
}

function collectDefinitions(schema, namespace, where, named, knownLogicalTypes) {
  if (typeof schema === 'string') return;
  if (Array.isArray(schema)) {
    for (const branch of schema) collectDefinitions(branch, namespace, where, named, knownLogicalTypes);
    return;
  }
  if (schema.logicalType !== undefined && !knownLogicalTypes.has(schema.logicalType)) {
    // avsc would silently decode it as the underlying type; make the choice explicit instead.
    throw new CatalogError(`${where}: logical type "${schema.logicalType}" is not in src/logical-types.ts`);
  }
  if (NAMED.has(schema.type)) {
    const fullName = fullNameOf(schema, namespace);
    if (named.has(fullName)) throw new CatalogError(`${where}: ${fullName} is already defined in ${named.get(fullName).where}`);
    named.set(fullName, { schema, namespace: namespaceOf(fullName), where });
    for (const field of schema.fields ?? []) collectDefinitions(field.type, namespaceOf(fullName), where, named, knownLogicalTypes);
  } else if (schema.type === 'array') {
    collectDefinitions(schema.items, namespace, where, named, knownLogicalTypes);
  } else if (schema.type === 'map') {
    collectDefinitions(schema.values, namespace, where, named, knownLogicalTypes);
  } else if (!PRIMITIVES.has(schema.type)) {
    throw new CatalogError(`${where}: reference named types by a plain string, not {"type": "${schema.type}"}`);
  }
}

// Depth-first in field order, the order in which Avro parsers meet definitions.
function expand(eventName, named, used) {
  const defined = new Set();

  const expandNamed = (fullName) => {
    defined.add(fullName);
    used.add(fullName);
    const { schema, namespace } = named.get(fullName);
    const { type, name: _name, namespace: _namespace, fields, ...attributes } = schema;
    const result = { type, name: fullName.slice(namespace.length + 1), namespace, ...attributes };
    if (fields) result.fields = fields.map((field) => ({ ...field, type: expandSchema(field.type, namespace) }));
    return result;
  };

  const expandSchema = (schema, namespace) => {
    if (typeof schema === 'string') {
      if (PRIMITIVES.has(schema)) return schema;
      const fullName = schema.includes('.') ? schema : `${namespace}.${schema}`;
      if (!named.has(fullName)) throw new CatalogError(`${eventName}: unknown type "${schema}" (looked for ${fullName})`);
      return defined.has(fullName) ? fullName : expandNamed(fullName);
    }
    if (Array.isArray(schema)) return schema.map((branch) => expandSchema(branch, namespace));
    if (NAMED.has(schema.type)) return expandSchema(fullNameOf(schema, namespace), namespace);
    if (schema.type === 'array') return { ...schema, items: expandSchema(schema.items, namespace) };
    if (schema.type === 'map') return { ...schema, values: expandSchema(schema.values, namespace) };
    return { ...schema };
  };

  return expandNamed(eventName);
}

// Parsing without a registry of named types proves the schema is self-contained.
function assertParses(name, schema, logicalTypes) {
  try {
    avro.Type.forSchema(schema, { logicalTypes });
  } catch (error) {
    throw new CatalogError(`${name}: avsc rejects the expanded schema: ${error.message}`);
  }
}

function fullNameOf(schema, namespace) {
  if (schema.name.includes('.')) return schema.name;
  return `${schema.namespace ?? namespace}.${schema.name}`;
}

function namespaceOf(fullName) {
  return fullName.slice(0, fullName.lastIndexOf('.'));
}

function kebabCase(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function parseJson(file, where) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(`${where}: ${error.message}`);
  }
}
