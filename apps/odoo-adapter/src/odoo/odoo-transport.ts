/** Named arguments of one ORM call, JSON-2 style: `ids` for record methods, the rest by parameter name. */
export interface OdooCallArgs {
  ids?: number[];
  kwargs?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface OdooServerVersion {
  /** 16, 17, 18, 19… */
  major: number;
  /** "19.0" */
  serie: string;
}

/** One way of reaching Odoo (JSON-2 or legacy JSON-RPC): a single attempt, no retries. */
export interface OdooTransport {
  readonly api: 'json2' | 'jsonrpc';
  call(model: string, method: string, args: OdooCallArgs): Promise<unknown>;
  version(): Promise<OdooServerVersion>;
}
