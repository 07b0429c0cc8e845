import { OdooError, OdooErrorCode } from './odoo-error';
import { httpError, postJson, type Where } from './odoo-http';
import type { OdooCallArgs, OdooServerVersion, OdooTransport } from './odoo-transport';

export interface JsonRpcSettings {
  url: string;
  database: string;
  login: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * Parameters Odoo's `call_kw` reads positionally: legacy `create` takes `vals_list` as `args[0]`
 * and fails when it comes by keyword.
 */
const POSITIONAL_FIRST: Record<string, string> = { create: 'vals_list' };

/** The legacy `/jsonrpc` API (Odoo 16–19): `object.execute_kw(db, uid, key, model, method, args, kwargs)`. */
export class JsonRpcTransport implements OdooTransport {
  readonly api = 'jsonrpc';
  private uid: Promise<number> | undefined;
  private requestId = 0;

  constructor(private readonly settings: JsonRpcSettings) {}

  async call(model: string, method: string, { ids, kwargs = {}, context }: OdooCallArgs): Promise<unknown> {
    const uid = await this.authenticate();
    const named = { ...kwargs };
    const args: unknown[] = ids ? [ids] : [];
    const positional = POSITIONAL_FIRST[method];
    if (positional && positional in named) {
      args.push(named[positional]);
      delete named[positional];
    }
    if (context) named.context = context;
    const { database, apiKey } = this.settings;
    return this.rpc('object', 'execute_kw', [database, uid, apiKey, model, method, args, named], { model, method });
  }

  async version(): Promise<OdooServerVersion> {
    const info = (await this.rpc('common', 'version', [], { model: 'common', method: 'version' })) as {
      server_version_info: [number, ...unknown[]];
      server_serie: string;
    };
    return { major: info.server_version_info[0], serie: info.server_serie };
  }

  /** The uid for the login, fetched once; a failed attempt is forgotten so the next call tries again. */
  private authenticate(): Promise<number> {
    this.uid ??= (async () => {
      const { database, login, apiKey } = this.settings;
      const where = { model: 'common', method: 'authenticate' };
      const uid = await this.rpc('common', 'authenticate', [database, login, apiKey, {}], where);
      if (typeof uid !== 'number') throw new OdooError(OdooErrorCode.accessDenied, `Odoo refused login ${login} on database ${database}`, where);
      return uid;
    })().catch((error: unknown) => {
      this.uid = undefined;
      throw error;
    });
    return this.uid;
  }

  private async rpc(service: string, method: string, args: unknown[], where: Where): Promise<unknown> {
    const id = ++this.requestId;
    const answer = await postJson(
      `${this.settings.url}/jsonrpc`,
      { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id },
      {},
      this.settings.timeoutMs,
      where,
    );
    if (answer.status !== 200) throw httpError(answer, where);
    let body: { result?: unknown; error?: { message?: string; data?: { name?: string; message?: string } } };
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      throw new OdooError(OdooErrorCode.protocol, `unparsable answer: ${answer.text.slice(0, 100)}`, where);
    }
    if (body.error) {
      const name = body.error.data?.name ?? 'unknown';
      throw httpError(answer, where, name, body.error.data?.message ?? body.error.message);
    }
    // Odoo omits `result` when the method returned None.
    return body.result ?? null;
  }
}
