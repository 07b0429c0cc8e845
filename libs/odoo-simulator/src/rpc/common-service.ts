/* The legacy `common` and `db` services (odoo/service/common.py, db.py): no credentials needed. */
import { accessDenied, pythonError, unknownDatabase } from '../errors/odoo-errors';
import { ParamDefinition } from '../orm/model-definition';
import { serverVersion, serverVersionInfo } from '../version-profile';
import { bindArguments } from './bind-arguments';
import { Runtime } from './runtime';

const COMMON_SIGNATURES: Record<string, ParamDefinition[]> = {
  version: [],
  login: [{ name: 'db' }, { name: 'login' }, { name: 'password' }],
  authenticate: [{ name: 'db' }, { name: 'login' }, { name: 'password' }, { name: 'user_agent_env' }],
};

export function commonService(runtime: Runtime, method: string, args: unknown[]): unknown {
  const params = COMMON_SIGNATURES[method];
  if (!params) throw pythonError('KeyError', `'exp_${method}'`);
  const bound = bindArguments({ name: `exp_${method}`, owner: '', api: 'model', params, run: () => undefined }, args, {}, 'call');
  if (method === 'version') {
    return {
      server_version: serverVersion(runtime.version),
      server_version_info: serverVersionInfo(runtime.version),
      server_serie: serverVersion(runtime.version),
      protocol_version: 1,
    };
  }
  checkDatabase(runtime, bound.db);
  const uid = runtime.users.authenticate(bound.login, bound.password);
  // Odoo 16's authenticate let AccessDenied through; 17+ (and login everywhere) answer false.
  if (uid === undefined && method === 'authenticate' && runtime.version <= 16) throw accessDenied();
  return uid ?? false;
}

export function dbService(runtime: Runtime, method: string): unknown {
  if (method === 'list') return [runtime.database];
  if (method === 'server_version') return serverVersion(runtime.version);
  // Database management needs the master password, which the simulator never accepts.
  throw accessDenied();
}

export function checkDatabase(runtime: Runtime, database: unknown): void {
  if (database !== runtime.database) throw unknownDatabase(String(database));
}
