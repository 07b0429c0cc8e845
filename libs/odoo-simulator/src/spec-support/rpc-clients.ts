/* Minimal clients for specs: they speak the wire protocols with plain fetch, so the specs check
 * exactly what an HTTP client sees. */
import { OdooSimulator, startOdooSimulator } from '../simulator';
import { OdooSimulatorOptions } from '../simulator-options';

export interface JsonRpcBody {
  jsonrpc: '2.0';
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data: { name: string; message: string; arguments: unknown[]; context: object; debug: string } };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function jsonRpc(sim: OdooSimulator, service: string, method: string, args: unknown[]): Promise<JsonRpcBody> {
  const response = await postJson(`${sim.url}/jsonrpc`, { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 7 });
  expect(response.status).toBe(200);
  return response.json as JsonRpcBody;
}

/** execute_kw as `user` (default admin, uid 2) with its password. */
export function legacy(sim: OdooSimulator, user = sim.users[0]) {
  return (model: string, method: string, args: unknown[] = [], kwargs?: Record<string, unknown>) =>
    jsonRpc(sim, 'object', 'execute_kw', [sim.database, user.uid, user.password, model, method, args, ...(kwargs ? [kwargs] : [])]);
}

/** The result of a legacy call that must succeed. */
export async function legacyResult(call: Promise<JsonRpcBody>): Promise<unknown> {
  const body = await call;
  if (body.error) throw new Error(`unexpected Odoo error ${body.error.data.name}: ${body.error.data.message}`);
  return body.result;
}

/** POST /json/2/<model>/<method> with the bearer key of `user` (default admin). */
export function json2(sim: OdooSimulator, user = sim.users[0]) {
  return (model: string, method: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    postJson(`${sim.url}/json/2/${model}/${method}`, body, { Authorization: `bearer ${user.apiKey}`, 'X-Odoo-Database': sim.database, ...headers });
}

/** The bare result of a JSON-2 call that must succeed. */
export async function json2Result(call: ReturnType<ReturnType<typeof json2>>): Promise<unknown> {
  const response = await call;
  if (response.status !== 200) throw new Error(`unexpected ${response.status}: ${response.text}`);
  return response.json;
}

/** Starts a simulator per spec file and stops it after; reset between tests. */
export function useSimulator(options: OdooSimulatorOptions = {}): () => OdooSimulator {
  let sim: OdooSimulator | undefined;
  beforeAll(async () => {
    sim = await startOdooSimulator(options);
  });
  afterEach(() => sim?.reset());
  afterAll(async () => {
    await sim?.stop();
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}
