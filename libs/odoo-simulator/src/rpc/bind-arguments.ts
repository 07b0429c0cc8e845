/* Binding call arguments to a method's parameters with Python's rules and Python's words:
 * a legacy call raises the TypeError of calling the function ("BaseModel.write() missing 1
 * required positional argument: 'vals'"); JSON-2 uses inspect.signature().bind(), whose
 * messages differ ("missing a required argument: 'vals'") and become a 422. */
import { httpException, pythonError } from '../errors/odoo-errors';
import { MethodDefinition } from '../orm/model-definition';

export type BindStyle = 'call' | 'signature';

export function bindArguments(
  method: MethodDefinition,
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>>,
  style: BindStyle,
): Record<string, unknown> {
  const qualname = method.owner ? `${method.owner}.${method.name}` : method.name;
  const fail = (callText: string, signatureText: string) =>
    style === 'call' ? pythonError('TypeError', `${qualname}() ${callText}`) : httpException(422, signatureText);
  const params = method.params;
  if (positional.length > params.length) {
    const required = params.filter((p) => !('default' in p)).length;
    const accepted = required === params.length ? `${params.length + 1}` : `from ${required + 1} to ${params.length + 1}`;
    throw fail(`takes ${accepted} positional arguments but ${positional.length + 1} were given`, 'too many positional arguments');
  }
  const bound: Record<string, unknown> = {};
  positional.forEach((value, index) => (bound[params[index].name] = value));
  for (const [name, value] of Object.entries(keywords)) {
    const known = params.some((p) => p.name === name) || method.extraKeywords?.includes(name);
    if (!known) throw fail(`got an unexpected keyword argument '${name}'`, `got an unexpected keyword argument '${name}'`);
    if (name in bound) throw fail(`got multiple values for argument '${name}'`, `multiple values for argument '${name}'`);
    bound[name] = value;
  }
  const missing = params.filter((p) => !('default' in p) && !(p.name in bound)).map((p) => p.name);
  if (missing.length) {
    throw fail(`missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${pythonList(missing)}`, `missing a required argument: '${missing[0]}'`);
  }
  for (const param of params) if (!(param.name in bound)) bound[param.name] = param.default;
  return bound;
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" as CPython lists missing arguments.
function pythonList(names: string[]): string {
  const quoted = names.map((name) => `'${name}'`);
  if (quoted.length <= 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}
