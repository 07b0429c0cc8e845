/* What clients asked of the server: calls per (api, model, method) and the most calls served at
 * once, for assertions in tests and for the benchmark's "Odoo calls per 1,000 orders". */

export type Api = 'jsonrpc' | 'json2';

export interface CallKey {
  api: Api;
  /** null for the `common` service (version, login, authenticate) and `db`. */
  model: string | null;
  method: string;
}

export interface CallCount extends CallKey {
  count: number;
}

export class CallStats {
  private readonly counts = new Map<string, CallCount>();
  private inFlight = 0;
  private peak = 0;

  record(key: CallKey): void {
    const id = `${key.api}\u0000${key.model ?? ''}\u0000${key.method}`;
    const entry = this.counts.get(id) ?? { ...key, count: 0 };
    entry.count++;
    this.counts.set(id, entry);
  }

  /** A call got a worker. */
  started(): void {
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  finished(): void {
    this.inFlight--;
  }

  /** Calls matching every given part of the key (all calls when empty). */
  count(filter: Partial<CallKey> = {}): number {
    return this.entries()
      .filter((entry) => (Object.keys(filter) as Array<keyof CallKey>).every((part) => filter[part] === entry[part]))
      .reduce((sum, entry) => sum + entry.count, 0);
  }

  get total(): number {
    return this.count();
  }

  /** The most calls ever served at the same time since the last reset. */
  get maxConcurrent(): number {
    return this.peak;
  }

  get concurrent(): number {
    return this.inFlight;
  }

  entries(): CallCount[] {
    return [...this.counts.values()].map((entry) => ({ ...entry }));
  }

  reset(): void {
    this.counts.clear();
    this.peak = this.inFlight;
  }
}
