/* The model registry compiled for one server version: version-specific fields and methods are
 * resolved once, so the rest of the ORM never asks "which version am I?". */
import type { Env } from './env';
import { magicFields } from './magic-fields';
import { FieldDefinition, inVersion, MethodDefinition, ModelDefinition, OdooVersion } from './model-definition';

export class ModelSchema {
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  readonly methods: ReadonlyMap<string, MethodDefinition>;

  constructor(
    readonly definition: ModelDefinition,
    version: OdooVersion,
    sharedMethods: readonly MethodDefinition[],
  ) {
    const displayName = (env: Env, id: number) => env.displayName(definition.name, id);
    this.fields = byName([...magicFields(displayName), ...definition.fields], version, `fields of ${definition.name}`);
    this.methods = byName([...sharedMethods, ...(definition.methods ?? [])], version, `methods of ${definition.name}`, true);
  }

  get name(): string {
    return this.definition.name;
  }

  get description(): string {
    return this.definition.description;
  }

  get order(): string {
    return this.definition.order ?? 'id';
  }

  get hasActiveField(): boolean {
    return this.fields.get('active')?.type === 'boolean';
  }

  field(name: string): FieldDefinition | undefined {
    return this.fields.get(name);
  }

  /** Fields with a column: neither computed nor one2many (which is the comodel's column). */
  isStored(field: FieldDefinition): boolean {
    return !field.compute && field.type !== 'one2many';
  }
}

export interface FieldReference {
  model: ModelSchema;
  field: FieldDefinition;
}

export class Catalog {
  private readonly models = new Map<string, ModelSchema>();
  private readonly references = new Map<string, FieldReference[]>();

  constructor(
    definitions: readonly ModelDefinition[],
    readonly version: OdooVersion,
    sharedMethods: readonly MethodDefinition[],
  ) {
    for (const definition of definitions.filter((d) => inVersion(d.versions, version))) {
      this.models.set(definition.name, new ModelSchema(definition, version, sharedMethods));
    }
    for (const model of this.models.values()) {
      for (const field of model.fields.values()) this.link(model, field);
    }
  }

  get(name: string): ModelSchema | undefined {
    return this.models.get(name);
  }

  /** Stored many2one/many2many fields pointing at a model (what its unlink must cascade or null). */
  referencesTo(model: string): readonly FieldReference[] {
    return this.references.get(model) ?? [];
  }

  private link(model: ModelSchema, field: FieldDefinition): void {
    if (!field.relation) return;
    if (!this.models.has(field.relation)) {
      throw new Error(`${model.name}.${field.name} relates to ${field.relation}, unknown in Odoo ${this.version}`);
    }
    if (field.type === 'many2one' || field.type === 'many2many') {
      const list = this.references.get(field.relation) ?? [];
      list.push({ model, field });
      this.references.set(field.relation, list);
    }
  }
}

function byName<T extends { name: string; versions?: ModelDefinition['versions'] }>(
  items: readonly T[],
  version: OdooVersion,
  what: string,
  laterOverrides = false,
): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items.filter((i) => inVersion(i.versions, version))) {
    if (map.has(item.name) && !laterOverrides) throw new Error(`duplicate ${item.name} in ${what} for Odoo ${version}`);
    map.set(item.name, item);
  }
  return map;
}
