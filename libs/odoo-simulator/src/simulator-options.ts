/* How to start a simulator, and the defaults a test gets when it says nothing. */
import { OdooVersion } from './orm/model-definition';
import { SimulatorUser } from './rpc/authentication';
import type { Seeder } from './seed/seeder';

export interface OdooSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Database name expected in legacy calls and in X-Odoo-Database. */
  database?: string;
  /** Field names, methods, messages and APIs of this major version (default 19). */
  version?: OdooVersion;
  users?: SimulatorUser[];
  /** Added to every call while it holds a worker. */
  latencyMs?: number;
  /** Calls served at once; more wait in line (Odoo's worker count). */
  workers?: number;
  /** Source of create_date/write_date (each call reads it once, when its transaction starts). */
  clock?: () => Date;
  /** Runs on start and after every reset(), after the base data. */
  seed?: (seeder: Seeder) => void;
}

export const DEFAULT_USERS: readonly SimulatorUser[] = [
  { uid: 2, login: 'admin', password: 'admin', apiKey: 'simulator-admin-api-key', name: 'Mitchell Admin', admin: true },
  { uid: 6, login: 'integration', password: 'integration', apiKey: 'simulator-integration-api-key', name: 'Integration', admin: false },
];

export const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  database: 'odoo',
  version: 19 as OdooVersion,
  latencyMs: 0,
  workers: 8,
};
