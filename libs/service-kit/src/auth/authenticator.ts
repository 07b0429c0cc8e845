import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyStore } from './api-keys';
import { AuthFailure } from './auth-failure';
import type { JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';

export const API_KEY_HEADER = 'x-api-key';

type Credential = { scheme: 'bearer'; token: string } | { scheme: 'api-key'; key: string };

/** Turns a request's credentials into a principal, or says why they do not authenticate. */
export class Authenticator {
  constructor(
    private readonly options: {
      /** Names the protected space in challenges: the service name. */
      realm: string;
      /** Absent when the service accepts no bearer tokens. */
      verifyJwt?: JwtVerifier;
      apiKeys: ApiKeyStore;
    },
  ) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Principal> {
    const credential = credentialOf(headers);
    if (credential.scheme === 'bearer') {
      if (this.options.verifyJwt === undefined) throw new AuthFailure('unsupported-scheme', 'Bearer tokens are not accepted here; use an API key');
      return this.options.verifyJwt(credential.token);
    }
    const entry = this.options.apiKeys.find(credential.key);
    if (entry === undefined) throw new AuthFailure('unknown-key', 'Unknown API key');
    return { kind: 'api-key', id: entry.id, roles: entry.roles };
  }

  /** WWW-Authenticate values for a 401: one challenge per accepted scheme (RFC 9110 §11.6.1). */
  challenges(failure: AuthFailure): string[] {
    const realm = `realm="${this.options.realm.replace(/["\\]/g, '')}"`;
    const challenges: string[] = [];
    if (this.options.verifyJwt !== undefined) {
      // RFC 6750 §3.1: an error code only when a token was presented.
      challenges.push(failure.concernsToken ? `Bearer ${realm}, error="invalid_token", error_description="${failure.message}"` : `Bearer ${realm}`);
    }
    if (this.options.apiKeys.size > 0) challenges.push(`ApiKey ${realm}`);
    return challenges;
  }
}

function credentialOf(headers: IncomingHttpHeaders): Credential {
  const authorization = headers.authorization?.trim() || undefined;
  const apiKey = singleValue(headers[API_KEY_HEADER])?.trim() || undefined;
  if (authorization !== undefined && apiKey !== undefined) {
    throw new AuthFailure('ambiguous', 'Send credentials in either Authorization or X-API-Key, not both');
  }
  if (apiKey !== undefined) return { scheme: 'api-key', key: apiKey };
  if (authorization === undefined) {
    throw new AuthFailure('missing', 'No credentials: send Authorization: Bearer <token>, Authorization: ApiKey <key> or X-API-Key: <key>');
  }
  const [, scheme = '', value] = /^(\S+)\s+(\S+)$/.exec(authorization) ?? [];
  if (value !== undefined && scheme.toLowerCase() === 'bearer') return { scheme: 'bearer', token: value };
  if (value !== undefined && scheme.toLowerCase() === 'apikey') return { scheme: 'api-key', key: value };
  throw new AuthFailure('unsupported-scheme', 'Authorization must be Bearer <token> or ApiKey <key>');
}

function singleValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header.join(',') : header;
}
