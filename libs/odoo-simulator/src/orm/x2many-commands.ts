/* x2many command triples (odoo/orm/commands.py): the only way RPC clients change one2many and
 * many2many fields. A bare list of ids means "set" and false means "clear", as Odoo accepts. */
import { pythonError } from '../errors/odoo-errors';
import { pythonRepr } from '../errors/python-repr';
import { ModelSchema } from './catalog';
import { Env } from './env';
import { foreignKeyViolation, tableName } from './integrity';
import { FieldDefinition, Vals } from './model-definition';

const CREATE = 0;
const UPDATE = 1;
const DELETE = 2;
const UNLINK = 3;
const LINK = 4;
const CLEAR = 5;
const SET = 6;

type Command = [number, number, unknown];

export function applyX2many(env: Env, schema: ModelSchema, id: number, field: FieldDefinition, value: unknown): void {
  const target = field.type === 'one2many' ? oneToMany(env, field, id) : manyToMany(env, schema, field, id);
  for (const [code, recordId, payload] of toCommands(schema, field, value)) {
    if (code === CREATE) target.link(env.createOne(field.relation!, { ...(payload as Vals), ...target.backLink }));
    else if (code === UPDATE) env.write(field.relation!, [recordId], payload as Vals);
    // unlink cascades the line out of every relation, this one included.
    else if (code === DELETE) env.unlink(field.relation!, [recordId]);
    else if (code === UNLINK) target.detach(recordId);
    else if (code === LINK) target.link(recordId);
    else if (code === CLEAR) target.current().forEach((lineId) => target.detach(lineId));
    else if (code === SET) {
      const wanted = payload as number[];
      target.current().filter((lineId) => !wanted.includes(lineId)).forEach((lineId) => target.detach(lineId));
      wanted.forEach((lineId) => target.link(lineId));
    }
  }
}

interface RelationTarget {
  current(): number[];
  link(lineId: number): void;
  detach(lineId: number): void;
  /** Values a created line needs to belong here (the inverse many2one of a one2many). */
  backLink: Vals;
}

function oneToMany(env: Env, field: FieldDefinition, id: number): RelationTarget {
  const comodel = field.relation!;
  const inverse = env.model(comodel).field(field.inverseName!)!;
  return {
    current: () => env.search(comodel, [[inverse.name, '=', id]], { activeTest: false }),
    link: (lineId) => {
      if (env.stored(comodel, lineId, inverse.name) !== id) env.write(comodel, [lineId], { [inverse.name]: id });
    },
    // Odoo deletes a line whose inverse cascades (an order line without order cannot exist).
    detach: (lineId) =>
      inverse.ondelete === 'cascade' ? env.unlink(comodel, [lineId]) : env.write(comodel, [lineId], { [inverse.name]: false }),
    backLink: { [inverse.name]: id },
  };
}

function manyToMany(env: Env, schema: ModelSchema, field: FieldDefinition, id: number): RelationTarget {
  const current = () => [...((env.stored(schema.name, id, field.name) as number[] | false) || [])];
  const save = (ids: number[]) => env.tx.put(schema.name, { ...env.row(schema.name, id)!, [field.name]: ids });
  return {
    current,
    link: (lineId) => {
      if (!env.exists(field.relation!, lineId)) {
        throw foreignKeyViolation(schema, `${tableName(schema.name)}_${field.name}_fkey`);
      }
      if (!current().includes(lineId)) save([...current(), lineId]);
    },
    detach: (lineId) => save(current().filter((existing) => existing !== lineId)),
    backLink: {},
  };
}

function toCommands(schema: ModelSchema, field: FieldDefinition, value: unknown): Command[] {
  if (value === false || value === null) return [[CLEAR, 0, 0]];
  if (!Array.isArray(value)) throw invalidCommand(schema, field, value);
  if (value.every((item) => typeof item === 'number')) return [[SET, 0, value]];
  return value.map((command) => {
    if (!Array.isArray(command) || typeof command[0] !== 'number') throw invalidCommand(schema, field, command);
    const [code, recordId = 0, payload = 0] = command as [number, number?, unknown?];
    const needsVals = code === CREATE || code === UPDATE;
    const needsId = code >= UPDATE && code <= LINK;
    const valid =
      code >= CREATE &&
      code <= SET &&
      (!needsVals || (payload !== null && typeof payload === 'object' && !Array.isArray(payload))) &&
      (!needsId || (Number.isInteger(recordId) && recordId > 0)) &&
      (code !== SET || (Array.isArray(payload) && payload.every((i) => Number.isInteger(i))));
    if (!valid) throw invalidCommand(schema, field, command);
    return [code, recordId, payload] as Command;
  });
}

function invalidCommand(schema: ModelSchema, field: FieldDefinition, command: unknown) {
  return pythonError('ValueError', `Invalid x2many command ${pythonRepr(command)} for ${schema.name}.${field.name}`);
}
