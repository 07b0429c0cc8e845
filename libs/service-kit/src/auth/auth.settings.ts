import { z } from 'zod';
import { apiKeyEntries } from './api-keys';
import { jsonSetting } from './json-setting';

/** Settings for authenticating HTTP callers; part of every service's base configuration. */
export const authSettings = {
  /** `disabled` lets every request through as an anonymous admin: local development and tests only. */
  AUTH_MODE: z.enum(['enforce', 'disabled']).default('enforce'),
  /** The token issuer's JSON Web Key Set; bearer tokens are accepted only when it is set. */
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** Expected `iss` of bearer tokens. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** Expected `aud` of bearer tokens, so a token minted for another API does not pass. */
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** Claim holding the roles: an array, or a space-separated string (e.g. `scope`); dotted paths reach nested claims. */
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** `[{ "id", "keyHash": "sha256:<hex>", "roles" }]`; usually mounted and named by AUTH_API_KEYS_FILE. */
  AUTH_API_KEYS: jsonSetting(apiKeyEntries).optional(),
};

export type AuthSettings = z.output<z.ZodObject<typeof authSettings>>;

/** Verifying bearer tokens takes all three; each is required once another is set. */
export const JWT_SETTINGS = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const;

interface IssueSink {
  addIssue(issue: { code: 'custom'; path: string[]; message: string }): void;
}

/** Enforced authentication needs something to check credentials against. */
export function checkAuthSettings(config: AuthSettings, ctx: IssueSink): void {
  if (config.AUTH_MODE !== 'enforce' || config.AUTH_JWKS_URL !== undefined || (config.AUTH_API_KEYS?.length ?? 0) > 0) return;
  ctx.addIssue({
    code: 'custom',
    path: ['AUTH_MODE'],
    message:
      'is enforce (the default), so set AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE) or AUTH_API_KEYS (or AUTH_API_KEYS_FILE); ' +
      'AUTH_MODE=disabled is for local development and tests only',
  });
}
