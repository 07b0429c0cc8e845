/* Credentials as Odoo checks them: for the legacy API on every call (uid + password or API key,
 * AccessDenied otherwise), for JSON-2 from the bearer API key. */
import { accessDenied } from '../errors/odoo-errors';
import { EnvUser } from '../orm/env';

export interface SimulatorUser {
  uid: number;
  login: string;
  password: string;
  /** Accepted as the bearer token of JSON-2 and in place of the password by the legacy API. */
  apiKey?: string;
  name?: string;
  /** In Administration / Settings: passes every ACL (e.g. may write ir.model.data). */
  admin?: boolean;
}

/** OdooBot, the superuser that owns base data and seeds (SUPERUSER_ID). */
export const SUPERUSER: EnvUser = { uid: 1, admin: true };

export class UserDirectory {
  constructor(readonly users: readonly SimulatorUser[]) {
    const uids = new Set(users.map((user) => user.uid));
    if (uids.size !== users.length || uids.has(SUPERUSER.uid)) throw new Error('user uids must be unique and not 1 (OdooBot)');
  }

  /** res.users.check: the uid exists and the secret is its password or API key. */
  check(uid: number, secret: unknown): EnvUser {
    const user = this.users.find((candidate) => candidate.uid === uid);
    if (!user || typeof secret !== 'string' || (secret !== user.password && secret !== user.apiKey)) throw accessDenied();
    return toEnvUser(user);
  }

  /** common.login / authenticate: the uid, or undefined when the credentials are wrong. */
  authenticate(login: unknown, secret: unknown): number | undefined {
    const user = this.users.find((candidate) => candidate.login === login);
    return user && typeof secret === 'string' && (secret === user.password || secret === user.apiKey) ? user.uid : undefined;
  }

  byApiKey(token: string): EnvUser | undefined {
    const user = this.users.find((candidate) => candidate.apiKey !== undefined && candidate.apiKey === token);
    return user && toEnvUser(user);
  }
}

function toEnvUser(user: SimulatorUser): EnvUser {
  return { uid: user.uid, admin: Boolean(user.admin) };
}
