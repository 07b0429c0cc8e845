/* BaseModel.fields_get: how clients discover a server's field names (product_uom vs
 * product_uom_id) instead of hard-coding a version. */
import { ModelSchema } from './catalog';
import { FieldDefinition } from './model-definition';

export function fieldsGet(schema: ModelSchema, allfields: unknown, attributes: unknown): Record<string, Record<string, unknown>> {
  const wanted = Array.isArray(allfields) && allfields.length ? new Set(allfields) : null;
  const keep = Array.isArray(attributes) && attributes.length ? new Set(attributes) : null;
  const result: Record<string, Record<string, unknown>> = {};
  for (const field of schema.fields.values()) {
    if (wanted && !wanted.has(field.name)) continue;
    const description = describe(schema, field);
    result[field.name] = keep ? Object.fromEntries(Object.entries(description).filter(([key]) => keep.has(key))) : description;
  }
  return result;
}

function describe(schema: ModelSchema, field: FieldDefinition): Record<string, unknown> {
  const stored = schema.isStored(field);
  const description: Record<string, unknown> = {
    name: field.name,
    type: field.type,
    string: field.string,
    required: Boolean(field.required),
    readonly: Boolean(field.readonly || field.compute),
    store: stored,
    searchable: true,
    sortable: stored && field.type !== 'many2many',
    manual: false,
    company_dependent: false,
    depends: [],
  };
  if (field.help) description.help = field.help;
  if (field.relation) description.relation = field.relation;
  if (field.inverseName) description.relation_field = field.inverseName;
  if (field.selection) description.selection = field.selection.map(([key, label]) => [key, label]);
  return description;
}
