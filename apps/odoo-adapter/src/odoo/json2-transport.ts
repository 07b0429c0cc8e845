import { OdooError, OdooErrorCode } from './odoo-error';
import { getJson, httpError, postJson } from './odoo-http';
import type { OdooCallArgs, OdooServerVersion, OdooTransport } from './odoo-transport';

export interface Json2Settings {
  url: string;
  database: string;
  apiKey: string;
  timeoutMs: number;
}

/** Odoo 19+'s JSON-2 API: `POST /json/2/<model>/<method>`, bearer API key, named arguments, bare results. */
export class Json2Transport implements OdooTransport {
  readonly api = 'json2';

  constructor(private readonly settings: Json2Settings) {}

  async call(model: string, method: string, { ids, kwargs, context }: OdooCallArgs): Promise<unknown> {
    const where = { model, method };
    const body = { ...kwargs, ...(ids ? { ids } : {}), ...(context ? { context } : {}) };
    const answer = await postJson(
      `${this.settings.url}/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`,
      body,
      { Authorization: `bearer ${this.settings.apiKey}`, 'X-Odoo-Database': this.settings.database },
      this.settings.timeoutMs,
      where,
    );
    if (answer.status === 200) return parse(answer.text, where);
    const failure = tryParse(answer.text) as { name?: unknown; message?: unknown } | undefined;
    if (failure && typeof failure.name === 'string') {
      throw httpError(answer, where, failure.name, typeof failure.message === 'string' ? failure.message : undefined);
    }
    throw httpError(answer, where);
  }

  async version(): Promise<OdooServerVersion> {
    const info = (await getJson(`${this.settings.url}/json/version`, this.settings.timeoutMs, { model: 'common', method: 'version' })) as {
      version_info: [number, ...unknown[]];
      version: string;
    };
    return { major: info.version_info[0], serie: info.version };
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parse(text: string, where: { model: string; method: string }): unknown {
  const value = tryParse(text);
  if (value === undefined) throw new OdooError(OdooErrorCode.protocol, `unparsable answer: ${text.slice(0, 100)}`, where);
  return value;
}
