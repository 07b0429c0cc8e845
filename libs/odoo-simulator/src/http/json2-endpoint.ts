/* /json/2/...: bare JSON results with status 200, errors as {name, message, arguments, context,
 * debug} with the exception's real status (401, 403, 404, 422, 500; WWW-Authenticate on 401). */
import { IncomingMessage, ServerResponse } from 'node:http';
import { httpException } from '../errors/odoo-errors';
import { serializeException } from '../errors/serialize-exception';
import { CallOutcome } from '../rpc/call-gateway';
import { json2Service } from '../rpc/json2-service';
import { Runtime } from '../rpc/runtime';
import { Hold } from './jsonrpc-endpoint';
import { readBody, sendJson, sendProxyError } from './responses';

const RPC_PATH = /^\/json\/2\/([^/]+)\/([^/]+)$/;

export async function handleJson2(runtime: Runtime, req: IncomingMessage, res: ServerResponse, path: string, hold: Hold): Promise<void> {
  const match = RPC_PATH.exec(path);
  if (req.method !== 'POST' || !match) {
    const error = httpException(404, 'Did you mean POST /json/2/<model>/<method>?');
    return sendJson(res, 404, serializeException(error));
  }
  const [model, method] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
  const body = await readBody(req);
  const request = { model, method, body, authorization: req.headers.authorization, database: header(req, 'x-odoo-database') };
  const outcome = await runtime.gateway.run({ api: 'json2', model, method }, (scope) => json2Service(runtime, scope, request));
  render(res, outcome, hold);
}

function render(res: ServerResponse, outcome: CallOutcome, hold: Hold): void {
  switch (outcome.kind) {
    case 'result':
      return sendJson(res, 200, outcome.value ?? null);
    case 'error': {
      const headers: Record<string, string> = outcome.error.httpStatus === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
      return sendJson(res, outcome.error.httpStatus, serializeException(outcome.error), headers);
    }
    case 'http-status':
      return sendProxyError(res, outcome.status, outcome.retryAfterSeconds);
    case 'hold':
      return hold(res, outcome.ms);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
