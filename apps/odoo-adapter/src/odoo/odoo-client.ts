import type { OdooDomain } from '../domain/change-capture/odoo-values';
import type { OdooCallArgs, OdooServerVersion } from './odoo-transport';

export type OdooContext = Record<string, unknown>;
export type OdooValues = Record<string, unknown>;

/**
 * Priority lanes, highest first: order and stock writes overtake reads of master data, change
 * capture and reconciliation when Odoo's workers are the bottleneck.
 */
export const LANES = ['writes', 'default', 'bulk'] as const;
export type Lane = (typeof LANES)[number];

export interface CallOptions {
  lane: Lane;
  /** Logged with retries and failures so an Odoo call can be traced back to the event that caused it. */
  correlationId?: string;
}

/** Whatever runs one ORM call: the guarded pipeline in production, a bare transport in its own tests. */
export interface OdooRpc {
  call(model: string, method: string, args: OdooCallArgs, options: CallOptions): Promise<unknown>;
  version(): Promise<OdooServerVersion>;
}

export interface SearchReadOptions {
  domain?: OdooDomain;
  fields?: string[];
  order?: string;
  limit?: number;
  offset?: number;
  context?: OdooContext;
}

/**
 * Odoo's ORM over RPC with Odoo's own parameter names (JSON-2 style; the legacy transport maps
 * them to `execute_kw`). Immutable: `lane()` and `correlated()` return a copy bound to them.
 */
export class OdooClient {
  constructor(
    private readonly rpc: OdooRpc,
    private readonly options: CallOptions = { lane: 'default' },
  ) {}

  lane(lane: Lane): OdooClient {
    return new OdooClient(this.rpc, { ...this.options, lane });
  }

  correlated(correlationId: string): OdooClient {
    return new OdooClient(this.rpc, { ...this.options, correlationId });
  }

  version(): Promise<OdooServerVersion> {
    return this.rpc.version();
  }

  async call<T>(model: string, method: string, args: OdooCallArgs = {}): Promise<T> {
    return (await this.rpc.call(model, method, args, this.options)) as T;
  }

  searchRead<T extends object = Record<string, unknown>>(model: string, { context, domain = [], ...rest }: SearchReadOptions = {}): Promise<T[]> {
    return this.call<T[]>(model, 'search_read', { kwargs: { domain, ...rest }, context });
  }

  read<T extends object = Record<string, unknown>>(model: string, ids: number[], fields?: string[], context?: OdooContext): Promise<T[]> {
    return this.call<T[]>(model, 'read', { ids, kwargs: fields ? { fields } : {}, context });
  }

  search(model: string, domain: OdooDomain, options: Omit<SearchReadOptions, 'domain' | 'fields'> = {}): Promise<number[]> {
    const { context, ...rest } = options;
    return this.call<number[]>(model, 'search', { kwargs: { domain, ...rest }, context });
  }

  searchCount(model: string, domain: OdooDomain, context?: OdooContext): Promise<number> {
    return this.call<number>(model, 'search_count', { kwargs: { domain }, context });
  }

  /** Creates one record per entry in one call (one transaction); answers the new ids in order. */
  async create(model: string, valsList: OdooValues[], context?: OdooContext): Promise<number[]> {
    if (valsList.length === 0) return [];
    return this.call<number[]>(model, 'create', { kwargs: { vals_list: valsList }, context });
  }

  async write(model: string, ids: number[], vals: OdooValues, context?: OdooContext): Promise<void> {
    if (ids.length === 0) return;
    await this.call(model, 'write', { ids, kwargs: { vals }, context });
  }

  async unlink(model: string, ids: number[], context?: OdooContext): Promise<void> {
    if (ids.length === 0) return;
    await this.call(model, 'unlink', { ids, context });
  }
}
