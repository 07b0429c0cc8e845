/* POST /jsonrpc: the JSON-RPC 2.0 envelope of the legacy API. Every error is an HTTP 200 with
 * {"error": {"code": 200, "message": "Odoo Server Error", "data": {...}}} (404/"404: Not Found"
 * for werkzeug NotFound), a None result leaves `result` out, unparsable bodies get a 400. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { pythonError } from '../errors/odoo-errors';
import { pythonTypeName } from '../errors/python-repr';
import { serializeException } from '../errors/serialize-exception';
import { isDict } from '../orm/base-methods';
import { CallKey } from '../rpc/call-stats';
import { CallOutcome, CallScope } from '../rpc/call-gateway';
import { commonService, dbService } from '../rpc/common-service';
import { objectService } from '../rpc/object-service';
import { Runtime } from '../rpc/runtime';
import { readBody, sendJson, sendProxyError, sendText } from './responses';

export type Hold = (res: ServerResponse, ms?: number) => void;

export async function handleJsonRpc(runtime: Runtime, req: IncomingMessage, res: ServerResponse, hold: Hold): Promise<void> {
  let request: unknown;
  try {
    request = JSON.parse(await readBody(req));
  } catch {
    return sendText(res, 400, 'Invalid JSON data');
  }
  if (!isDict(request)) return sendText(res, 400, 'Invalid JSON-RPC data');
  const id = request.id ?? null;
  const params = request.params ?? {};
  const outcome = await runtime.gateway.run(callKeyOf(params), (scope) => dispatchRpc(runtime, scope, params));
  render(res, id, outcome, hold);
}

function render(res: ServerResponse, id: unknown, outcome: CallOutcome, hold: Hold): void {
  switch (outcome.kind) {
    case 'result':
      return sendJson(res, 200, outcome.value === undefined || outcome.value === null ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result: outcome.value });
    case 'error': {
      const notFound = outcome.error.isWerkzeugNotFound;
      const error = { code: notFound ? 404 : 200, message: notFound ? '404: Not Found' : 'Odoo Server Error', data: serializeException(outcome.error) };
      return sendJson(res, 200, { jsonrpc: '2.0', id, error });
    }
    case 'http-status':
      return sendProxyError(res, outcome.status, outcome.retryAfterSeconds);
    case 'hold':
      return hold(res, outcome.ms);
  }
}

/** What the request asks of which model, for stats and fault matching (object calls name the model). */
function callKeyOf(params: unknown): CallKey {
  const { service, method, args } = isDict(params) ? params : {};
  if (service === 'object' && Array.isArray(args) && typeof args[3] === 'string') {
    return { api: 'jsonrpc', model: args[3], method: String(args[4]) };
  }
  return { api: 'jsonrpc', model: null, method: String(method) };
}

// The /jsonrpc controller is `def jsonrpc(self, service, method, args)` in Odoo's RPC class.
function dispatchRpc(runtime: Runtime, scope: CallScope, params: unknown): unknown {
  if (!isDict(params)) throw pythonError('TypeError', `'${pythonTypeName(params)}' object is not a mapping`);
  const missing = ['service', 'method', 'args'].filter((name) => !(name in params));
  if (missing.length) {
    throw pythonError('TypeError', `RPC.jsonrpc() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${missing.map((m) => `'${m}'`).join(', ')}`);
  }
  const { service, method, args } = params as { service: unknown; method: unknown; args: unknown };
  if (!Array.isArray(args)) throw pythonError('TypeError', `'${pythonTypeName(args)}' object is not subscriptable`);
  if (service === 'common') return commonService(runtime, String(method), args);
  if (service === 'db') return dbService(runtime, String(method));
  if (service === 'object') return objectService(runtime, scope, String(method), args);
  throw pythonError('KeyError', `'${String(service)}'`);
}
