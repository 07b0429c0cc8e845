/* POST /json/2/<model>/<method> (addons/rpc/controllers/json2.py): bearer API key, named
 * arguments plus `ids` and `context` in the body, the method's bare result. Checks run in
 * Odoo's order: authentication, database, body, model, method, ids rule, argument binding. */
import { httpException } from '../errors/odoo-errors';
import { isDict } from '../orm/base-methods';
import { EnvUser } from '../orm/env';
import { bindArguments } from './bind-arguments';
import { CallScope } from './call-gateway';
import { checkPublicMethod, findMethod, findModel, invoke, normalizeIds } from './method-invocation';
import { toContext } from './object-service';
import { Runtime } from './runtime';

export const NOT_FOUND_DESCRIPTION =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

export interface Json2Request {
  model: string;
  method: string;
  authorization: string | undefined;
  database: string | undefined;
  body: string;
}

export function json2Service(runtime: Runtime, scope: CallScope, request: Json2Request): unknown {
  const user = authenticateBearer(runtime, request.authorization);
  if (request.database !== undefined && request.database !== runtime.database) throw httpException(404, NOT_FOUND_DESCRIPTION);
  // A body that is JSON but not an object is ignored, as `jsonrequest | args` fails over to args.
  const parsed = parseBody(request.body);
  const { ids: rawIds, context, ...keywords } = isDict(parsed) ? parsed : {};
  const schema = findModel(runtime, request.model, 'json2');
  checkPublicMethod(request.model, request.method);
  const method = findMethod(schema, request.method, 'json2');
  const ids = normalizeIds(rawIds ?? []);
  if (method.api !== 'records' && ids.length) throw httpException(422, `cannot call ${request.model}.${request.method} with ids`);
  const args = bindArguments(method, [], keywords, 'signature');
  return invoke(runtime, scope, { user, schema, method, ids, args, context: toContext(context) });
}

function authenticateBearer(runtime: Runtime, authorization: string | undefined): EnvUser {
  const token = authorization?.match(/^bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token) throw httpException(401, 'User not authenticated, use an API Key with a Bearer Authorization header.');
  const user = runtime.users.byApiKey(token);
  if (!user) throw httpException(401, 'Invalid apikey');
  return user;
}

function parseBody(body: string): unknown {
  if (!body.length) return {};
  try {
    return JSON.parse(body);
  } catch (error) {
    throw httpException(400, `could not parse the body as json: ${(error as Error).message}`);
  }
}
