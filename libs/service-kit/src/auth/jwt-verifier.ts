import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthFailure, KeySetUnavailable } from './auth-failure';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Claim holding the roles: an array, or a space-separated string like OAuth2's `scope`. */
  rolesClaim: string;
}

export const JWT_ALGORITHMS = ['RS256', 'ES256'];
// Tolerates clock drift between the issuer and this service when checking exp and nbf.
const CLOCK_TOLERANCE_SECONDS = 30;
const JWKS_TIMEOUT_MS = 5_000;

export type JwtVerifier = (token: string) => Promise<Principal>;

/**
 * Verifies bearer tokens against the issuer's JWKS (fetched on first use, cached, re-fetched when
 * a token names an unknown key id) and maps them to a principal. Throws `AuthFailure` for a token
 * that does not verify, `KeySetUnavailable` when the key set cannot be fetched.
 */
export function createJwtVerifier(settings: JwtSettings, keys: JWTVerifyGetKey = remoteKeySet(settings.jwksUrl)): JwtVerifier {
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: JWT_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw verificationFailure(error);
    }
    // Client-credentials tokens of some issuers name the client instead of a subject.
    const id = [payload.sub, payload.client_id, payload.azp].find((claim): claim is string => typeof claim === 'string' && claim.length > 0);
    if (id === undefined) throw new AuthFailure('invalid-claims', 'The bearer token names no subject (sub)');
    return { kind: 'user', id, roles: rolesFromClaim(claimValue(payload, settings.rolesClaim)) };
  };
}

/** The known roles in a claim's value (an array, or a space-separated string); other names are ignored. */
export function rolesFromClaim(value: unknown): Role[] {
  const names: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(' ') : [];
  return [...new Set(names.filter(isRole))];
}

/** A top-level claim by name (names may contain dots, e.g. URL-named claims), else a dotted path. */
function claimValue(payload: JWTPayload, claim: string): unknown {
  if (claim in payload) return payload[claim];
  return claim.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS });
}

function verificationFailure(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new AuthFailure('expired', 'The bearer token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AuthFailure('bad-signature', 'The bearer token signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthFailure('untrusted-key', 'The bearer token is signed with a key the issuer does not publish');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new AuthFailure('wrong-issuer', 'The bearer token is from an untrusted issuer');
    if (error.claim === 'aud') return new AuthFailure('wrong-audience', 'The bearer token is not meant for this service (audience)');
    if (error.claim === 'nbf') return new AuthFailure('invalid-claims', 'The bearer token is not valid yet (nbf)');
    return new AuthFailure('invalid-claims', `The bearer token has an invalid ${error.claim.replace(/[^\w-]/g, '')} claim`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new AuthFailure('malformed-token', `The bearer token must be signed with ${JWT_ALGORITHMS.join(' or ')}`);
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new AuthFailure('malformed-token', 'The bearer token is not a well-formed signed JWT');
  }
  // Timeouts, a failed fetch or an unusable key set document: nothing the caller did wrong.
  return new KeySetUnavailable('The token issuer key set cannot be fetched', { cause: error });
}
