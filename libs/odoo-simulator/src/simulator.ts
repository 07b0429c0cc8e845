/* startOdooSimulator: an Odoo server of a chosen version on a local port, with in-memory data,
 * for the odoo-adapter's tests, its benchmark and the demonstration flow. */
import { SimulatorHttpServer } from './http/http-server';
import { MODEL_DEFINITIONS } from './models';
import { BASE_METHODS } from './orm/base-methods';
import { Catalog } from './orm/catalog';
import { OdooVersion } from './orm/model-definition';
import { SimulatorUser, UserDirectory } from './rpc/authentication';
import { CallGateway } from './rpc/call-gateway';
import { CallStats } from './rpc/call-stats';
import { FaultInjector } from './rpc/faults';
import { WorkerPool } from './rpc/worker-pool';
import { seedBaseData } from './seed/base-data';
import { DirectOrm } from './seed/direct-orm';
import { Seeder } from './seed/seeder';
import { superuserTransaction } from './seed/superuser-transaction';
import { DEFAULT_USERS, DEFAULTS, OdooSimulatorOptions } from './simulator-options';
import { Store } from './store/store';

export interface OdooSimulator {
  /** http://host:port, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly database: string;
  readonly version: OdooVersion;
  readonly users: readonly SimulatorUser[];
  readonly faults: FaultInjector;
  readonly stats: CallStats;
  /** Quick creation of partners, products, warehouses, stock, external ids. */
  readonly seed: Seeder;
  /** Direct reads and writes as OdooBot, bypassing HTTP. */
  readonly orm: DirectOrm;
  /** Back to the data right after start; faults and stats cleared. */
  reset(): void;
  /** Closes the port (ECONNREFUSED) and reopens it after `ms` when given. */
  outage(ms?: number): Promise<void>;
  /** Reopens the port after an outage. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOdooSimulator(options: OdooSimulatorOptions = {}): Promise<OdooSimulator> {
  const settings = { ...DEFAULTS, ...withoutUndefined(options) };
  const users = options.users ?? DEFAULT_USERS;
  const clock = options.clock ?? (() => new Date());
  const store = new Store();
  const catalog = new Catalog(MODEL_DEFINITIONS, settings.version, BASE_METHODS);
  const faults = new FaultInjector();
  const stats = new CallStats();
  const gateway = new CallGateway({ store, clock, latencyMs: settings.latencyMs, pool: new WorkerPool(settings.workers), faults, stats });
  const runtime = { database: settings.database, version: settings.version, catalog, store, users: new UserDirectory(users), gateway };
  const transact = superuserTransaction(catalog, store, clock);
  const seed = new Seeder(transact);
  const loadData = () => {
    store.clear();
    transact((env) => seedBaseData(env, users));
    options.seed?.(seed);
  };
  loadData();
  const http = new SimulatorHttpServer(runtime, settings.host);
  const port = await http.listen(settings.port);
  return {
    url: `http://${settings.host}:${port}`,
    port,
    database: settings.database,
    version: settings.version,
    users,
    faults,
    stats,
    seed,
    orm: new DirectOrm(transact),
    reset: () => {
      loadData();
      faults.clear();
      stats.reset();
    },
    outage: (ms) => http.outage(ms),
    restore: () => http.reopen(),
    stop: () => http.close(),
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
